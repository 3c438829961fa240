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
        var advertiser = await db.Advertisers.AsNoTracking().Where(a => a.Id == offer.AdvertiserId)
            .Select(a => new { a.PostbackToken, a.SigningSecret, a.RequireSignature }).SingleAsync(ct);
        var goals = offer.Goals.OrderBy(g => g.Id).Select(g => g.Code).ToList();
        var baseUrl = query.BaseUrl.TrimEnd('/');
        return IntegrationKit.Build(baseUrl, offer.Id, offer.Currency, caller.Mask(advertiser.PostbackToken), goals) with
        {
            EventGoals = offer.EventGoals,
            Signing = SigningKit.For(baseUrl, caller.Mask(advertiser.SigningSecret), advertiser.RequireSignature),
        };
    }
}
