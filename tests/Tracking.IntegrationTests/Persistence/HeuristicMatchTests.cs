using Microsoft.EntityFrameworkCore;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Persistence;

/// <summary>
/// SPEC 4.5 through HTTP and the worker's real store, on SQLite and on PostgreSQL: a keyless postback joins the keyless
/// pixel of its click by the heuristic match, and a keyed conversion of the same click is left alone. The rule itself is
/// tested on the domain's fake store (<c>AttributionRuleTests</c>); here it is <c>EfAttributionStore</c>'s part: it loads
/// a click's keyless conversions only for the hits that have no key, and must still find them for those.
/// </summary>
public sealed class HeuristicMatchTests(PostgresServer postgres, SqlServerServer sqlServer)
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

    /// <summary>
    /// Decision 0026: the keyless pixel and postback of 30 clicks, one request after the other, decided by four messages at
    /// once. Two units of work deciding the two hits of one click side by side do not see each other's conversion, and no
    /// unique key stands between them; without the save's guard (<c>EfAttributionStore.KeylessGuardAsync</c>) some pairs
    /// stayed two conversions (3 failures in 3 runs), and the two tests above failed about one run in three.
    /// </summary>
    [Fact]
    public async Task OnPostgresKeylessPairsDecidedSideBySideStillMerge()
    {
        await using var app = (await TrackingApp.OnPostgresAsync(postgres)).With("Tracking:Worker:ConcurrentMessageLimit", "4");
        await KeylessPairsMergeAsync(app);
    }

    /// <summary>
    /// The same on SQL Server, whose guard takes an application lock per click (<c>sp_getapplock</c>). SQL Server cannot
    /// run on this project's CI machine, so there this test skips; it runs where <c>TRACKING_TEST_SQLSERVER</c> names one.
    /// </summary>
    [Fact]
    public async Task OnSqlServerKeylessPairsDecidedSideBySideStillMerge()
    {
        await using var app = (await TrackingApp.OnSqlServerAsync(sqlServer)).With("Tracking:Worker:ConcurrentMessageLimit", "4");
        await KeylessPairsMergeAsync(app);
    }

    private static async Task KeylessPairsMergeAsync(TrackingApp app)
    {
        var traffic = new Traffic(app, await app.OfferAsync());
        var clicks = new List<string>();
        for (var i = 0; i < 30; i++) clicks.Add(await traffic.ClickAsync());
        // One request after the other: each hit is an ingress batch, hence a message, of its own.
        foreach (var c in clicks)
        {
            await traffic.PixelAsync(c, "purchase", "&amount=20");
            await traffic.PostbackAsync(c, "purchase", "&amount=20");
        }
        await traffic.SettledAsync();

        var conversions = await app.WithDb(db => db.Conversions.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(clicks.Order(StringComparer.Ordinal), conversions.Select(c => c.ClickId!).Order(StringComparer.Ordinal));
        Assert.All(conversions, c => Assert.True(c.HasPixel && c.HasPostback, $"conversion {c.Id} of click {c.ClickId} was seen by one method only"));
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
        foreach (var (click, postback, pixelFirst) in new[] { (apart, late, true), (together, close, false) })
        {
            var hits = (await api.GetJsonAsync($"/api/hits?click_id={click}")).Items();
            var pixel = Assert.Single(hits, h => h.Str("method") == "pixel");
            var keyless = Assert.Single(hits, h => h.Str("id") == postback);
            // SPEC 4.5 merges the two in whichever order they are decided. Sent back to back, the pixel and the postback
            // are two ingress batches, hence two messages, and a worker may decide the postback's first (or redecide
            // the pixel's after decision 0026's guard); then the pixel is the hit that merges.
            var (first, second) = pixelFirst || pixel.Str("outcome") == "converted" ? (pixel, keyless) : (keyless, pixel);
            Assert.Equal(("converted", "merged", "heuristic match"), (first.Str("outcome"), second.Str("outcome"), second.Str("outcome_detail")));
            Assert.Equal(first.Str("conversion_id"), second.Str("conversion_id"));
            var conversions = (await api.GetJsonAsync($"/api/conversions?click_id={click}")).Items();
            Assert.Equal(2, conversions.Length);
            var match = Assert.Single(conversions, c => c.Str("id") == pixel.Str("conversion_id"));
            Assert.Null(match.Str("order_id"));
            Assert.Equal("heuristic", match.Str("match"));
        }
        var keyedHit = Assert.Single((await api.GetJsonAsync($"/api/hits?click_id={apart}")).Items(), h => h.Str("id") == keyed);
        Assert.Equal("converted", keyedHit.Str("outcome"));
    }
}
