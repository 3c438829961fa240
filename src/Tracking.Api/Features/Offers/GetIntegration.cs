using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Offers;

/// <summary>What an advertiser and the affiliates' networks paste, for one offer; null when the offer does not exist.</summary>
public sealed record GetIntegration(int OfferId, string BaseUrl) : IQuery<IntegrationKit?>;

public sealed class GetIntegrationHandler(TrackingDbContext db, Caller caller) : IQueryHandler<GetIntegration, IntegrationKit?>
{
    public async ValueTask<IntegrationKit?> Handle(GetIntegration query, CancellationToken ct)
    {
        caller.Require(Scope.AdvertiserSide);
        var offer = await db.Offers.AsNoTracking().VisibleTo(caller).Include(o => o.Goals).SingleOrDefaultAsync(o => o.Id == query.OfferId, ct);
        if (offer is null) return null;
        var token = await db.Advertisers.AsNoTracking().Where(a => a.Id == offer.AdvertiserId).Select(a => a.PostbackToken).SingleAsync(ct);
        var goals = offer.Goals.OrderBy(g => g.Id).Select(g => g.Code).ToList();
        return IntegrationKit.Build(query.BaseUrl.TrimEnd('/'), offer.Id, offer.Currency, caller.Mask(token), goals) with
        {
            EventGoals = offer.EventGoals,
        };
    }
}
