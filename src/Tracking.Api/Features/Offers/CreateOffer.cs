using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Offers;

/// <summary>
/// Creates an offer of an existing advertiser; it starts with the default goal <c>conversion</c>. An advertiser's key creates
/// offers for itself only (<c>advertiser_id</c> may be left out); another advertiser's id is as unknown to it as a missing one.
/// </summary>
public sealed record CreateOffer(OfferFields Fields) : ICommand<OfferDto>;

public sealed class CreateOfferHandler(TrackingDbContext db, ICatalog catalog, TimeProvider time, Caller caller) : ICommandHandler<CreateOffer, OfferDto>
{
    public async ValueTask<OfferDto> Handle(CreateOffer command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOrAdvertiser);
        var fields = command.Fields;
        if ((fields.AdvertiserId ?? caller.AdvertiserId) is not { } advertiserId)
            throw new DomainException("advertiser_id_required", "advertiser_id is required.");
        if (!await db.Advertisers.VisibleTo(caller).AnyAsync(a => a.Id == advertiserId, ct))
            throw new DomainException("unknown_advertiser", $"No advertiser has the id {advertiserId}.");
        var offer = new Offer(advertiserId, fields.Name!, fields.LandingUrl!, time.GetUtcNow().UtcDateTime);
        fields.ApplySettingsTo(offer);
        db.Offers.Add(offer);
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        return offer.ToDto();
    }
}
