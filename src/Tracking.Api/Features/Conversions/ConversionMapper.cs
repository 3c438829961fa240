using Riok.Mapperly.Abstractions;
using Tracking.Domain.Conversions;

namespace Tracking.Api.Features.Conversions;

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class ConversionMapper
{
    [MapPropertyFromSource(nameof(ConversionDto.Awaiting), Use = nameof(IsAwaiting))]
    [MapPropertyFromSource(nameof(ConversionDto.Pixel), Use = nameof(PixelSeen))]
    [MapPropertyFromSource(nameof(ConversionDto.Postback), Use = nameof(PostbackSeen))]
    [MapperIgnoreTarget(nameof(ConversionDto.Hits))]
    [MapperIgnoreTarget(nameof(ConversionDto.StatusHistory))]
    [MapperIgnoreTarget(nameof(ConversionDto.Deliveries))]
    public static partial ConversionDto ToDto(this Conversion conversion);

    public static partial StatusChangeDto ToDto(this StatusChange change);

    private static bool IsAwaiting(Conversion c) => c.ReconcileDueAt is not null;

    private static MethodSeenDto? PixelSeen(Conversion c) =>
        c.PixelHitId is null ? null : new(c.PixelHitId, c.PixelAt, c.PixelAmount, c.PixelCurrency, c.PixelStatus);

    private static MethodSeenDto? PostbackSeen(Conversion c) =>
        c.PostbackHitId is null ? null : new(c.PostbackHitId, c.PostbackAt, c.PostbackAmount, c.PostbackCurrency, c.PostbackStatus);
}
