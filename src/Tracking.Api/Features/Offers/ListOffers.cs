using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Offers;

/// <summary>Offers in id order, optionally of one advertiser.</summary>
public sealed record ListOffers(int? AdvertiserId, PageRequest Page) : IQuery<Page<OfferDto>>;

public sealed class ListOffersHandler(TrackingDbContext db, Caller caller) : IQueryHandler<ListOffers, Page<OfferDto>>
{
    public async ValueTask<Page<OfferDto>> Handle(ListOffers query, CancellationToken ct)
    {
        caller.Require(Scope.AdvertiserSide);
        var after = query.Page.IntCursor ?? 0;
        var offers = db.Offers.AsNoTracking().VisibleTo(caller).Include(o => o.Goals).Where(o => o.Id > after);
        if (query.AdvertiserId is { } advertiserId) offers = offers.Where(o => o.AdvertiserId == advertiserId);
        var rows = await offers.OrderBy(o => o.Id).Take(query.Page.Limit + 1).ToListAsync(ct);
        return query.Page.ToPage(rows.Select(o => o.ToDto()).ToList(), o => o.Id.ToString(CultureInfo.InvariantCulture));
    }
}
