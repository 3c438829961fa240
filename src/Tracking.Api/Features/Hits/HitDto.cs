using Riok.Mapperly.Abstractions;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;

namespace Tracking.Api.Features.Hits;

/// <summary>A hit as received, with its outcome (a reason code of SPEC 6; null while undecided).</summary>
public sealed record HitDto(
    string Id, Method Method, HitChannel Channel, DateTime ReceivedAt, string? Outcome, string? OutcomeDetail,
    string? ConversionId, int? OfferId, int? AffiliateId, string? Goal, string? ClickId, ClickIdSource ClickIdSource,
    decimal? Amount, string? Currency, string? OrderId, string? EventId, string? Status,
    string? Adv1, string? Adv2, string? Adv3, string? Adv4, string? Adv5, string? Ip, string? UserAgent, DateTime? DecidedAt);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class HitMapper
{
    public static partial HitDto ToDto(this Hit hit);

    /// <summary>Projected in SQL, so lists read only the columns they show.</summary>
    public static partial IQueryable<HitDto> ProjectToDto(this IQueryable<Hit> hits);
}
