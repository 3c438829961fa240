using Riok.Mapperly.Abstractions;
using Tracking.Domain.Forwarding;

namespace Tracking.Api.Features.Forwarding;

/// <summary>One attempt (SPEC 7): <c>status_code</c> null when there was no answer, then <c>error</c> says why.</summary>
public sealed record DeliveryAttemptDto(DateTime At, int? StatusCode, string? Error, int LatencyMs, string? Response);

/// <summary>A delivery as SPEC 7 shows it; <c>url</c> and <c>body</c> are the request every attempt sends.</summary>
public sealed record DeliveryDto(
    string Id, string ConversionId, int TemplateId, int AffiliateId, int OfferId, DeliveryKind Kind, ForwardingMethod Method,
    string Url, string? Body, DeliveryState State, int AttemptCount, DateTime CreatedAt, DateTime? NextAttemptAt,
    DateTime? CompletedAt, string? Error, IReadOnlyList<DeliveryAttemptDto> Attempts);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class DeliveryMapper
{
    [MapProperty(nameof(Delivery.LastError), nameof(DeliveryDto.Error))]
    [MapPropertyFromSource(nameof(DeliveryDto.Attempts), Use = nameof(OrderedAttempts))]
    public static partial DeliveryDto ToDto(this Delivery delivery);

    public static partial DeliveryAttemptDto ToDto(this DeliveryAttempt attempt);

    private static IReadOnlyList<DeliveryAttemptDto> OrderedAttempts(Delivery d) => d.Attempts.OrderBy(a => a.Id).Select(a => a.ToDto()).ToList();
}
