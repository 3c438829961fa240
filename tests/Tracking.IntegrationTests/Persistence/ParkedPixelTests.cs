using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Persistence;

/// <summary>
/// Cookieless pixels (no click id) are parked until a postback with the same order or event id claims them (SPEC 4.3).
/// The rule is tested on the domain's fake store (<c>AttributionRuleTests</c>); here it runs through HTTP and the worker's
/// real store (<c>EfAttributionStore</c>'s prefetch of a chunk's parked pixels), on SQLite and on PostgreSQL.
/// </summary>
public sealed class ParkedPixelTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnSqliteAPostbackClaimsTheParkedPixelOfItsOrderOrEventId()
    {
        await using var app = new TrackingApp();
        await PostbacksClaimParkedPixelsAsync(app);
    }

    [Fact]
    public async Task OnPostgresAPostbackClaimsTheParkedPixelOfItsOrderOrEventId()
    {
        await using var app = await TrackingApp.OnPostgresAsync(postgres);
        await PostbacksClaimParkedPixelsAsync(app);
    }

    private static async Task PostbacksClaimParkedPixelsAsync(TrackingApp app)
    {
        var s = await app.OfferAsync();
        var traffic = new Traffic(app, s);
        // Two cookieless pixels, and one whose order id no postback will name.
        await traffic.PixelAsync("", "purchase", "&order_id=P-1&amount=10");
        await traffic.PixelAsync("", "purchase", "&event_id=E-1&amount=20");
        await traffic.PixelAsync("", "purchase", "&order_id=P-never&amount=30");
        await traffic.SettledAsync();
        Assert.Equal(3, await app.WithDb(db => db.Hits.CountAsync(h => h.Outcome == Reasons.NoClickId, Ct)));

        var byOrder = await traffic.PostbackAsync(await traffic.ClickAsync(), "purchase", "&order_id=P-1&amount=10");
        var byEvent = await traffic.PostbackAsync(await traffic.ClickAsync(), "purchase", "&event_id=E-1&amount=20");
        await traffic.SettledAsync();

        var hits = await app.WithDb(db => db.Hits.AsNoTracking().ToListAsync(Ct));
        foreach (var (postback, key) in new[] { (byOrder, "P-1"), (byEvent, "E-1") })
        {
            var conversionId = hits.Single(h => h.Id == postback).ConversionId;
            var pixel = hits.Single(h => h.Method == Method.Pixel && (h.OrderId ?? h.EventId) == key);
            Assert.Equal((Reasons.Merged, conversionId), (pixel.Outcome, pixel.ConversionId));
            var conversion = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync(c => c.Id == conversionId, Ct));
            Assert.Equal((pixel.Id, postback), (conversion.PixelHitId, conversion.PostbackHitId));
        }
        Assert.Equal(Reasons.NoClickId, hits.Single(h => h.OrderId == "P-never").Outcome);
    }
}
