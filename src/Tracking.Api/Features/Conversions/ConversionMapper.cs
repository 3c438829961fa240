using Riok.Mapperly.Abstractions;
using Tracking.Api.Access;
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

/// <summary>What a caller's role may see of a conversion (issue 10).</summary>
public static class ConversionView
{
    /// <summary>
    /// The conversion as <paramref name="caller"/> may see it: an affiliate's key without the revenue and the hits (which
    /// carry the advertiser's parameters), an advertiser's key without the deliveries (the affiliate's forwarding).
    /// </summary>
    public static ConversionDto For(this ConversionDto conversion, Caller caller) => caller.Role switch
    {
        Roles.Affiliate => conversion with
        {
            Revenue = null,
            PostbackRevenue = null,
            Hits = null,
            StatusHistory = conversion.StatusHistory?.Select(h => h with { Revenue = null }).ToList(),
        },
        Roles.Advertiser => conversion with { Deliveries = null },
        _ => conversion,
    };
}
