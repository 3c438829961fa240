using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Offers;

/// <summary>Creates an offer of an existing advertiser; it starts with the default goal <c>conversion</c>.</summary>
public sealed record CreateOffer(OfferFields Fields) : ICommand<OfferDto>;

public sealed class CreateOfferHandler(TrackingDbContext db, ICatalog catalog, TimeProvider time) : ICommandHandler<CreateOffer, OfferDto>
{
    public async ValueTask<OfferDto> Handle(CreateOffer command, CancellationToken ct)
    {
        var fields = command.Fields;
        if (fields.AdvertiserId is not { } advertiserId)
            throw new DomainException("advertiser_id_required", "advertiser_id is required.");
        if (!await db.Advertisers.AnyAsync(a => a.Id == advertiserId, ct))
            throw new DomainException("unknown_advertiser", $"No advertiser has the id {advertiserId}.");
        var offer = new Offer(advertiserId, fields.Name!, fields.LandingUrl!, time.GetUtcNow().UtcDateTime);
        fields.ApplySettingsTo(offer);
        db.Offers.Add(offer);
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        return offer.ToDto();
    }
}
