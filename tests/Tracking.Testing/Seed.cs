using Tracking.Domain.Catalog;

namespace Tracking.Testing;

/// <summary>One advertiser, affiliate and offer with goals, stored straight into the app's database.</summary>
public sealed record Seeded(int AdvertiserId, string Token, int AffiliateId, int OfferId);

public static class Seed
{
    public static Task<Seeded> OfferAsync(this TrackingApp app, Action<Offer>? configure = null) =>
        app.WithDb(async db =>
        {
            var now = DateTime.UtcNow;
            var advertiser = new Advertiser("Acme", now);
            var affiliate = new Affiliate("Partner", now);
            db.AddRange(advertiser, affiliate);
            await db.SaveChangesAsync();
            var offer = new Offer(advertiser.Id, "Shop", "https://shop.example/landing?cid={click_id}&s={sub1}", now);
            offer.AddGoal("install", null, 1m, AmountKind.Fixed, 0.5m, AmountKind.Fixed);
            offer.AddGoal("purchase", null, 10m, AmountKind.Percent, 5m, AmountKind.Percent);
            configure?.Invoke(offer);
            db.Offers.Add(offer);
            await db.SaveChangesAsync();
            return new Seeded(advertiser.Id, advertiser.PostbackToken, affiliate.Id, offer.Id);
        });
}
