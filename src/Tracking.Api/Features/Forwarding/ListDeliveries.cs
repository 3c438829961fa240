using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Domain.Common;
using Tracking.Domain.Forwarding;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Forwarding;

/// <summary>The outbound postback log, newest first, each delivery with its attempts; the cursor is the last id of the page.</summary>
public sealed record ListDeliveries(DeliveryFilter Filter, PageRequest Page) : IQuery<Page<DeliveryDto>>;

public sealed record DeliveryFilter(int? AffiliateId, int? OfferId, string? ConversionId, string? State, string? From, string? To);

public sealed class ListDeliveriesHandler(TrackingDbContext db, Caller caller) : IQueryHandler<ListDeliveries, Page<DeliveryDto>>
{
    public async ValueTask<Page<DeliveryDto>> Handle(ListDeliveries query, CancellationToken ct)
    {
        caller.Require(Scope.AffiliateSide);
        var rows = await Filter(db.Deliveries.AsNoTracking().VisibleTo(caller), query.Filter, query.Page.IdCursor)
            .OrderByDescending(d => d.Id).Take(query.Page.Limit + 1).Include(d => d.Attempts).AsSplitQuery().ToListAsync(ct);
        return query.Page.ToPage(rows.Select(d => d.ToDto()).ToList(), d => d.Id);
    }

    private static IQueryable<Delivery> Filter(IQueryable<Delivery> q, DeliveryFilter f, string? cursor)
    {
        if (cursor is not null) q = q.Where(d => string.Compare(d.Id, cursor) < 0);
        if (f.AffiliateId is { } affiliate) q = q.Where(d => d.AffiliateId == affiliate);
        if (f.OfferId is { } offer) q = q.Where(d => d.OfferId == offer);
        if (!string.IsNullOrWhiteSpace(f.ConversionId)) { var id = f.ConversionId.Trim(); q = q.Where(d => d.ConversionId == id); }
        if (QueryValues.Enum<DeliveryState>(f.State, Reasons.InvalidState, "state") is { } state) q = q.Where(d => d.State == state);
        var (from, to) = QueryValues.Range(f.From, f.To, TimeZoneInfo.Utc);
        if (from is { } start) q = q.Where(d => d.CreatedAt >= start);
        if (to is { } end) q = q.Where(d => d.CreatedAt < end);
        return q;
    }
}
