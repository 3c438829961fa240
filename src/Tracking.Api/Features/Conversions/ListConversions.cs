using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Conversions;

/// <summary>Conversions newest first, filtered; the cursor is the last id of the previous page (ids are time-ordered).</summary>
public sealed record ListConversions(ConversionFilter Filter, PageRequest Page) : IQuery<Page<ConversionDto>>;

/// <summary>The filters as the query string gives them, parsed by the handler so that bad values answer 400 with a reason.</summary>
public sealed record ConversionFilter(
    int? OfferId, int? AffiliateId, string? Goal, string? ClickId, string? Method, string? Discrepancy,
    string? Status, string? Match, string? From, string? To);

public sealed class ListConversionsHandler(TrackingDbContext db, Caller caller, TimeProvider time)
    : IQueryHandler<ListConversions, Page<ConversionDto>>
{
    public async ValueTask<Page<ConversionDto>> Handle(ListConversions query, CancellationToken ct)
    {
        var visible = db.Conversions.AsNoTracking().VisibleTo(caller, db.Offers);
        var cursor = query.Page.IdCursor;
        var conversions = Filter(visible, query.Filter, cursor);
        var take = query.Page.Limit + 1;
        List<Conversion> rows;
        if (query.Filter.OfferId is { } offer)
        {
            // One query of an offer goes through an (offer_id, goal, ...) index and sorts all the offer's conversions by id
            // (48,000 for offer 7 of 20 at 1M: 0.2 s and more; docs/benchmarks.md, issue 10). The recent windows are read along the
            // primary key instead, the offer tested row by row ("+ 0" keeps SQLite off the offer index there), and only what
            // is older than 16 hours through the index, as before.
            var byKey = Filter(visible, query.Filter with { OfferId = null }, cursor).Where(c => c.OfferId + 0 == offer);
            rows = await NewestFirst.PageAsync(byKey, c => c.Id, c => c.CreatedAt, cursor, time.GetUtcNow().UtcDateTime, take, Newest,
                windows: 3, ct, rest: conversions);
        }
        else rows = await Newest(conversions, take).ToListAsync(ct);
        return query.Page.ToPage(rows.Select(c => c.ToDto().For(caller)).ToList(), c => c.Id);
    }

    private static IQueryable<Conversion> Newest(IQueryable<Conversion> conversions, int take) =>
        conversions.OrderByDescending(c => c.Id).Take(take);

    internal static IQueryable<Conversion> Filter(IQueryable<Conversion> q, ConversionFilter f, string? cursor)
    {
        if (cursor is not null) q = q.Where(c => string.Compare(c.Id, cursor) < 0);
        if (f.OfferId is { } offer) q = q.Where(c => c.OfferId == offer);
        if (f.AffiliateId is { } affiliate) q = q.Where(c => c.AffiliateId == affiliate);
        if (!string.IsNullOrWhiteSpace(f.Goal)) { var goal = f.Goal.Trim().ToLowerInvariant(); q = q.Where(c => c.Goal == goal); }
        if (!string.IsNullOrWhiteSpace(f.ClickId)) { var click = f.ClickId.Trim(); q = q.Where(c => c.ClickId == click); }
        q = ByMethod(q, f.Method);
        q = ByDiscrepancy(q, f.Discrepancy);
        if (QueryValues.Enum<ConversionStatus>(f.Status, Reasons.InvalidStatus, "status") is { } status) q = q.Where(c => c.Status == status);
        if (QueryValues.Enum<MatchKind>(f.Match, "invalid_match", "match") is { } match) q = q.Where(c => c.Match == match);
        var (from, to) = QueryValues.Range(f.From, f.To, TimeZoneInfo.Utc);
        // Ids are made from the same clock reading as created_at: with the id bounds the primary key serves the range newest
        // first and stops at the page, instead of the created_at index reading the whole range to sort it by id (a day of
        // 1M conversions: 270 ms; docs/benchmarks.md, issue 10).
        if (from is { } start) { var low = SortableId.Floor(start); q = q.Where(c => c.CreatedAt >= start && string.Compare(c.Id, low) >= 0); }
        if (to is { } end) { var high = SortableId.Floor(end.AddMilliseconds(1)); q = q.Where(c => c.CreatedAt < end && string.Compare(c.Id, high) < 0); }
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
            _ => throw new Domain.Catalog.DomainException("invalid_method", $"method '{method}' is not one of pixel, postback, both."),
        };

    private static IQueryable<Conversion> ByDiscrepancy(IQueryable<Conversion> q, string? discrepancy)
    {
        if (string.Equals(discrepancy?.Trim(), "none", StringComparison.OrdinalIgnoreCase)) return q.Where(c => c.Discrepancy == null);
        return QueryValues.Enum<Discrepancy>(discrepancy, "invalid_discrepancy", "discrepancy") is { } d ? q.Where(c => c.Discrepancy == d) : q;
    }
}
