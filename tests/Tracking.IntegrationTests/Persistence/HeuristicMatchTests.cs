using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Persistence;

/// <summary>
/// SPEC 4.5 through HTTP and the worker's real store, on SQLite and on PostgreSQL: a keyless postback joins the keyless
/// pixel of its click by the heuristic match, and a keyed conversion of the same click is left alone. The rule itself is
/// tested on the domain's fake store (<c>AttributionRuleTests</c>); here it is <c>EfAttributionStore</c>'s part: it loads
/// a click's keyless conversions only for the hits that have no key, and must still find them for those.
/// </summary>
public sealed class HeuristicMatchTests(PostgresServer postgres)
{
    [Fact]
    public async Task OnSqliteAKeylessPostbackJoinsTheKeylessPixelOfItsClick()
    {
        await using var app = new TrackingApp();
        await KeylessHitsMatchAsync(app);
    }

    [Fact]
    public async Task OnPostgresAKeylessPostbackJoinsTheKeylessPixelOfItsClick()
    {
        await using var app = await TrackingApp.OnPostgresAsync(postgres);
        await KeylessHitsMatchAsync(app);
    }

    private static async Task KeylessHitsMatchAsync(TrackingApp app)
    {
        var traffic = new Traffic(app, await app.OfferAsync());
        // Across units of work: the pixel's conversion is in the database when the postback is decided.
        var apart = await traffic.ClickAsync();
        var keyed = await traffic.PostbackAsync(apart, "purchase", "&order_id=K-1&amount=20");
        await traffic.PixelAsync(apart, "purchase", "&amount=20");
        await traffic.SettledAsync();
        var late = await traffic.PostbackAsync(apart, "purchase", "&amount=20");
        // Likely in one unit of work with a keyed postback of the same click: the pixel's conversion is one it created.
        var together = await traffic.ClickAsync();
        await traffic.PostbackAsync(together, "purchase", "&order_id=K-2&amount=20");
        await traffic.PixelAsync(together, "purchase", "&amount=20");
        var close = await traffic.PostbackAsync(together, "purchase", "&amount=20");
        await traffic.SettledAsync();

        var api = app.Api();
        foreach (var (click, postback) in new[] { (apart, late), (together, close) })
        {
            var hits = (await api.GetJsonAsync($"/api/hits?click_id={click}")).Items();
            var pixel = Assert.Single(hits, h => h.Str("method") == "pixel");
            var merged = Assert.Single(hits, h => h.Str("id") == postback);
            Assert.Equal(("converted", "merged", "heuristic match"), (pixel.Str("outcome"), merged.Str("outcome"), merged.Str("outcome_detail")));
            Assert.Equal(pixel.Str("conversion_id"), merged.Str("conversion_id"));
            var conversions = (await api.GetJsonAsync($"/api/conversions?click_id={click}")).Items();
            Assert.Equal(2, conversions.Length);
            Assert.Contains(conversions, c => c.Str("id") == pixel.Str("conversion_id") && c.Str("order_id") is null);
        }
        var keyedHit = Assert.Single((await api.GetJsonAsync($"/api/hits?click_id={apart}")).Items(), h => h.Str("id") == keyed);
        Assert.Equal("converted", keyedHit.Str("outcome"));
    }
}
