using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Features.Common;
using Tracking.Api.Management;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Hits.ListHits;

/// <summary>The pixel log and the postback debug log: hits newest first; the cursor is the last id of the previous page.</summary>
public sealed record ListHits(HitFilter Filter, PageRequest Page) : IQuery<Page<HitDto>>;

/// <summary><c>outcome</c> is any reason code, or <c>undecided</c> for hits the worker has not decided yet.</summary>
public sealed record HitFilter(
    string? Method, string? Outcome, int? OfferId, int? AffiliateId, string? Goal, string? ClickId, string? ConversionId,
    string? From, string? To);

public sealed class ListHitsHandler(TrackingDbContext db) : IQueryHandler<ListHits, Page<HitDto>>
{
    public const string Undecided = "undecided";

    public async ValueTask<Page<HitDto>> Handle(ListHits query, CancellationToken ct)
    {
        var rows = await Filter(db.Hits.AsNoTracking(), query.Filter, query.Page.Cursor)
            .OrderByDescending(h => h.Id).Take(query.Page.Limit + 1).ProjectToDto().ToListAsync(ct);
        return query.Page.ToPage(rows, h => h.Id);
    }

    private static IQueryable<Hit> Filter(IQueryable<Hit> q, HitFilter f, string? cursor)
    {
        if (cursor is not null) q = q.Where(h => string.Compare(h.Id, cursor) < 0);
        if (QueryValues.Enum<Method>(f.Method, "invalid_method") is { } method) q = q.Where(h => h.Method == method);
        if (Text(f.Outcome) is { } outcome)
            q = outcome.ToLowerInvariant() == Undecided ? q.Where(h => h.Outcome == null) : q.Where(h => h.Outcome == outcome.ToLowerInvariant());
        if (f.OfferId is { } offer) q = q.Where(h => h.OfferId == offer);
        if (f.AffiliateId is { } affiliate) q = q.Where(h => h.AffiliateId == affiliate);
        if (Text(f.Goal) is { } goal) q = q.Where(h => h.Goal == goal.ToLowerInvariant());
        if (Text(f.ClickId) is { } click) q = q.Where(h => h.ClickId == click);
        if (Text(f.ConversionId) is { } conversion) q = q.Where(h => h.ConversionId == conversion);
        var (from, to) = QueryValues.Range(f.From, f.To, TimeZoneInfo.Utc);
        if (from is { } start) q = q.Where(h => h.ReceivedAt >= start);
        if (to is { } end) q = q.Where(h => h.ReceivedAt < end);
        return q;
    }

    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
