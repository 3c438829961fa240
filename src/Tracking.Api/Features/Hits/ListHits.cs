using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Hits;

/// <summary>The pixel log and the postback debug log: hits newest first; the cursor is the last id of the previous page.</summary>
public sealed record ListHits(HitFilter Filter, PageRequest Page) : IQuery<Page<HitDto>>;

/// <summary><c>outcome</c> is any reason code, or <c>undecided</c> for hits the worker has not decided yet.</summary>
public sealed record HitFilter(
    string? Method, string? Outcome, int? OfferId, int? AffiliateId, string? Goal, string? ClickId, string? ConversionId,
    string? From, string? To);

public sealed class ListHitsHandler(TrackingDbContext db, Caller caller, TimeProvider time) : IQueryHandler<ListHits, Page<HitDto>>
{
    public const string Undecided = "undecided";

    public async ValueTask<Page<HitDto>> Handle(ListHits query, CancellationToken ct)
    {
        caller.Require(Scope.AdvertiserSide);
        var hits = Filter(db.Hits.AsNoTracking().VisibleTo(caller, db.Offers), query.Filter, query.Page.IdCursor);
        var take = query.Page.Limit + 1;
        // Of one offer, read through (offer_id, received_at) window by window: one query sorting all the offer's hits by id
        // took 1 s at 3M hits (docs/benchmarks.md, issue 10). Unfiltered or filtered otherwise, the id order is the scan's.
        var rows = query.Filter.OfferId is null
            ? await Newest(hits, take).ToListAsync(ct)
            : await NewestFirst.PageAsync(hits, h => h.Id, h => h.ReceivedAt, query.Page.IdCursor, time.GetUtcNow().UtcDateTime, take,
                Newest, windows: 4, ct);
        return query.Page.ToPage(rows, h => h.Id);
    }

    private static IQueryable<HitDto> Newest(IQueryable<Hit> hits, int take) =>
        hits.OrderByDescending(h => h.Id).Take(take).ProjectToDto();

    private static IQueryable<Hit> Filter(IQueryable<Hit> q, HitFilter f, string? cursor)
    {
        if (cursor is not null) q = q.Where(h => string.Compare(h.Id, cursor) < 0);
        if (QueryValues.Enum<Method>(f.Method, "invalid_method", "method") is { } method) q = q.Where(h => h.Method == method);
        if (Text(f.Outcome)?.ToLowerInvariant() is { } outcome)
        {
            if (outcome != Undecided && !Reasons.All.Contains(outcome))
                throw new DomainException("invalid_outcome", $"outcome '{f.Outcome}' is not a reason code of SPEC 6, nor {Undecided}.");
            q = outcome == Undecided ? q.Where(h => h.Outcome == null) : q.Where(h => h.Outcome == outcome);
        }
        if (f.OfferId is { } offer) q = q.Where(h => h.OfferId == offer);
        if (f.AffiliateId is { } affiliate) q = q.Where(h => h.AffiliateId == affiliate);
        if (Text(f.Goal) is { } goal) q = q.Where(h => h.Goal == goal.ToLowerInvariant());
        if (Text(f.ClickId) is { } click) q = q.WithClickId(click);
        if (Text(f.ConversionId) is { } conversion) q = q.Where(h => h.ConversionId == conversion);
        var (from, to) = QueryValues.Range(f.From, f.To, TimeZoneInfo.Utc);
        // Ids are made from the same clock reading as received_at: the id bounds let the primary key serve the range.
        if (from is { } start) { var low = SortableId.Floor(start); q = q.Where(h => h.ReceivedAt >= start && string.Compare(h.Id, low) >= 0); }
        if (to is { } end) { var high = SortableId.Floor(end.AddMilliseconds(1)); q = q.Where(h => h.ReceivedAt < end && string.Compare(h.Id, high) < 0); }
        return q;
    }

    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
