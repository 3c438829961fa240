using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Offers;

/// <summary>Changes any writable field of an offer; absent fields stay as they are.</summary>
public sealed record UpdateOffer(int Id, OfferFields Fields) : ICommand<OfferDto?>;

public sealed class UpdateOfferHandler(TrackingDbContext db, ICatalog catalog, Caller caller) : ICommandHandler<UpdateOffer, OfferDto?>
{
    public async ValueTask<OfferDto?> Handle(UpdateOffer command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOrAdvertiser);
        var offer = await db.Offers.VisibleTo(caller).Include(o => o.Goals).SingleOrDefaultAsync(o => o.Id == command.Id, ct);
        if (offer is null) return null;
        var fields = command.Fields;
        // The domain has no way to move an offer to another advertiser (its token signs the postbacks).
        if (fields.AdvertiserId is { } advertiserId && advertiserId != offer.AdvertiserId)
            throw new DomainException("advertiser_immutable", "An offer cannot move to another advertiser.");
        if (fields.Name is not null) offer.Rename(fields.Name);
        if (fields.LandingUrl is not null) offer.ChangeLandingUrl(fields.LandingUrl);
        fields.ApplySettingsTo(offer);
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        return offer.ToDto();
    }
}
