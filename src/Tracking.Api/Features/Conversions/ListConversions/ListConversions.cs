using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Features.Common;
using Tracking.Api.Management;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Conversions.ListConversions;

/// <summary>Conversions newest first, filtered; the cursor is the last id of the previous page (ids are time-ordered).</summary>
public sealed record ListConversions(ConversionFilter Filter, PageRequest Page) : IQuery<Page<ConversionDto>>;

/// <summary>The filters as the query string gives them, parsed by the handler so that bad values answer 400 with a reason.</summary>
public sealed record ConversionFilter(
    int? OfferId, int? AffiliateId, string? Goal, string? ClickId, string? Method, string? Discrepancy,
    string? Status, string? Match, string? From, string? To);

public sealed class ListConversionsHandler(TrackingDbContext db) : IQueryHandler<ListConversions, Page<ConversionDto>>
{
    public async ValueTask<Page<ConversionDto>> Handle(ListConversions query, CancellationToken ct)
    {
        var rows = await Filter(db.Conversions.AsNoTracking(), query.Filter, query.Page.Cursor)
            .OrderByDescending(c => c.Id).Take(query.Page.Limit + 1).ToListAsync(ct);
        return query.Page.ToPage(rows.Select(c => c.ToDto()).ToList(), c => c.Id);
    }

    private static IQueryable<Conversion> Filter(IQueryable<Conversion> q, ConversionFilter f, string? cursor)
    {
        if (cursor is not null) q = q.Where(c => string.Compare(c.Id, cursor) < 0);
        if (f.OfferId is { } offer) q = q.Where(c => c.OfferId == offer);
        if (f.AffiliateId is { } affiliate) q = q.Where(c => c.AffiliateId == affiliate);
        if (!string.IsNullOrWhiteSpace(f.Goal)) { var goal = f.Goal.Trim().ToLowerInvariant(); q = q.Where(c => c.Goal == goal); }
        if (!string.IsNullOrWhiteSpace(f.ClickId)) { var click = f.ClickId.Trim(); q = q.Where(c => c.ClickId == click); }
        q = ByMethod(q, f.Method);
        q = ByDiscrepancy(q, f.Discrepancy);
        if (QueryValues.Enum<ConversionStatus>(f.Status, Reasons.InvalidStatus) is { } status) q = q.Where(c => c.Status == status);
        if (QueryValues.Enum<MatchKind>(f.Match, "invalid_match") is { } match) q = q.Where(c => c.Match == match);
        var (from, to) = QueryValues.Range(f.From, f.To, TimeZoneInfo.Utc);
        if (from is { } start) q = q.Where(c => c.CreatedAt >= start);
        if (to is { } end) q = q.Where(c => c.CreatedAt < end);
        return q;
    }

    /// <summary><c>pixel</c> and <c>postback</c> mean seen by that method only, <c>both</c> by both: the three never overlap.</summary>
    private static IQueryable<Conversion> ByMethod(IQueryable<Conversion> q, string? method) =>
        method?.Trim().ToLowerInvariant() switch
        {
            null or "" => q,
            "pixel" => q.Where(c => c.PixelHitId != null && c.PostbackHitId == null),
            "postback" => q.Where(c => c.PostbackHitId != null && c.PixelHitId == null),
            "both" => q.Where(c => c.PixelHitId != null && c.PostbackHitId != null),
            _ => throw new Domain.Catalog.DomainException("invalid_method", "method is pixel, postback or both."),
        };

    private static IQueryable<Conversion> ByDiscrepancy(IQueryable<Conversion> q, string? discrepancy)
    {
        if (string.Equals(discrepancy?.Trim(), "none", StringComparison.OrdinalIgnoreCase)) return q.Where(c => c.Discrepancy == null);
        return QueryValues.Enum<Discrepancy>(discrepancy, "invalid_discrepancy") is { } d ? q.Where(c => c.Discrepancy == d) : q;
    }
}
