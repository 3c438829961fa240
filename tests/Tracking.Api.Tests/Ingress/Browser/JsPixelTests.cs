using System.Text.Json.Nodes;
using System.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;

namespace Tracking.Api.Tests.Ingress.Browser;

/// <summary>
/// SPEC 3.2, the JavaScript pixel as a real browser runs it: headless Chromium follows the tracking link to the
/// advertiser's landing page (another site), <c>/t.js</c> keeps the click id there, and the thank-you page's
/// <c>trk('conversion', ...)</c> beacons it to <c>/p/collect</c>.
/// </summary>
public sealed class JsPixelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The tracker, the advertiser's site with a landing page, an offer landing there, and a browser.</summary>
    private sealed class Scene : IAsyncDisposable
    {
        public required TrackingApp App { get; init; }
        public required AdvertiserSite Site { get; init; }
        public required Chromium Chromium { get; init; }
        public required Seeded Offer { get; init; }
        public required string Tracker { get; init; }
        public string ScriptTag => $"<script src=\"{Tracker}/t.js\"></script>";
        public string TrackingLink => $"{Tracker}/c/{Offer.OfferId}?aff_id={Offer.AffiliateId}";

        public static async Task<Scene> StartAsync()
        {
            var chromium = await Chromium.LaunchAsync();
            var app = new TrackingApp();
            var site = await AdvertiserSite.StartAsync();
            var offer = await app.OfferAsync(o => o.ChangeLandingUrl(new Uri(site.Url, "/landing") + "?click_id={click_id}"));
            var scene = new Scene { App = app, Site = site, Chromium = chromium, Offer = offer, Tracker = app.Public().BaseAddress!.ToString().TrimEnd('/') };
            site.Page("/landing", "<h1>Acme shop</h1>" + scene.ScriptTag);
            return scene;
        }

        /// <summary>A thank-you page (no click id in its URL) that reports order <paramref name="orderId"/> worth 25.</summary>
        public string ThankYouPage(string orderId, bool queuedBeforeTheScript = false)
        {
            var call = $"trk('conversion', {{offer_id: {Offer.OfferId}, goal: 'purchase', amount: 25, order_id: '{orderId}'}});";
            var body = queuedBeforeTheScript
                ? $"<script>window.trk = window.trk || function () {{ (trk.q = trk.q || []).push(arguments) }}; {call}</script>{ScriptTag}"
                : $"{ScriptTag}<script>{call}</script>";
            return Site.Page($"/thanks-{orderId}", $"<h1>Thank you for order {orderId}</h1>" + body);
        }

        /// <summary>Follows the tracking link in <paramref name="page"/>; returns the click id the landing page received.</summary>
        public async Task<string> ClickAsync(IPage page)
        {
            await page.GotoAsync(TrackingLink);
            Assert.StartsWith(new Uri(Site.Url, "/landing?click_id=").ToString(), page.Url);
            return HttpUtility.ParseQueryString(new Uri(page.Url).Query)["click_id"]!;
        }

        /// <summary>The beacon hits, once the worker has decided them.</summary>
        public Task<List<Hit>> ScriptHitsAsync(int count = 1) => Eventually.Until(
            () => App.WithDb(db => db.Hits.AsNoTracking().Where(h => h.Channel == HitChannel.Script).ToListAsync()),
            hits => hits.Count >= count && hits.All(h => h.Outcome is not null), what: "the beacon's hit");

        public async ValueTask DisposeAsync()
        {
            await Chromium.DisposeAsync();
            await Site.DisposeAsync();
            await App.DisposeAsync();
        }
    }

    [Fact]
    public async Task JsPixelKeepsTheClickIdFromTheLandingPageAndConvertsOnTheThankYouPage()
    {
        await using var scene = await Scene.StartAsync();
        var page = await scene.Chromium.Browser.NewPageAsync();
        var clickId = await scene.ClickAsync(page);

        await page.GotoAsync(scene.ThankYouPage("B1"));
        Assert.DoesNotContain("click_id", page.Url);

        var hit = Assert.Single(await scene.ScriptHitsAsync());
        Assert.Equal((Method.Pixel, HitChannel.Script, clickId, ClickIdSource.Parameter, 25m, "B1", Reasons.Converted),
            (hit.Method, hit.Channel, hit.ClickId, hit.ClickIdSource, hit.Amount, hit.OrderId, hit.Outcome));
        var conversion = await scene.App.WithDb(db => db.Conversions.AsNoTracking().SingleAsync(Ct));
        Assert.Equal((clickId, scene.Offer.AffiliateId, "purchase", "B1", hit.Id), (conversion.ClickId, conversion.AffiliateId, conversion.Goal, conversion.OrderId, conversion.PixelHitId));
    }

    [Fact]
    public async Task JsPixelReplaysACallQueuedBeforeTheScriptLoadedExactlyOnce()
    {
        await using var scene = await Scene.StartAsync();
        var page = await scene.Chromium.Browser.NewPageAsync();
        var clickId = await scene.ClickAsync(page);

        await page.GotoAsync(scene.ThankYouPage("Q1", queuedBeforeTheScript: true));
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.trk === 'function' && window.trk.q === undefined"),
            "t.js replaces the queueing stub with the real trk");

        var hit = Assert.Single(await scene.ScriptHitsAsync());
        Assert.Equal((clickId, "Q1", Reasons.Converted), (hit.ClickId, hit.OrderId, hit.Outcome));
        await Task.Delay(500, Ct);
        Assert.Equal(1, await scene.App.WithDb(db => db.Hits.CountAsync(Ct)));
        Assert.Equal(1, await scene.App.WithDb(db => db.Conversions.CountAsync(Ct)));
    }

    [Theory]
    [InlineData("localStorage")]
    [InlineData("cookie")]
    public async Task JsPixelAttributesThroughTheAdvertisersFirstPartyValueWhenTheTrackersCookieNeverArrives(string kept)
    {
        await using var scene = await Scene.StartAsync();
        await using var landing = await scene.Chromium.Browser.NewContextAsync();
        var clickId = await scene.ClickAsync(await landing.NewPageAsync());

        // The landing context holds the tracker's click cookie and the advertiser's first-party copies of the click id.
        var state = JsonNode.Parse(await landing.StorageStateAsync())!;
        var cookies = state["cookies"]!.AsArray();
        Assert.Contains(cookies, c => (string)c!["domain"]! == "127.0.0.1" && ((string)c["name"]!).StartsWith("_trk_o"));
        Assert.Contains(cookies, c => (string)c!["domain"]! == AdvertiserSite.Host && (string)c["name"]! == "_trk_cid" && (string)c["value"]! == clickId);

        // The thank-you page opens in a browser that carries over only one first-party value of the advertiser's site:
        // the tracker's cookie is gone, as when third-party cookies are blocked.
        var carried = new JsonObject
        {
            ["cookies"] = new JsonArray(kept == "cookie"
                ? cookies.Where(c => (string)c!["domain"]! == AdvertiserSite.Host).Select(c => c!.DeepClone()).ToArray()
                : []),
            ["origins"] = new JsonArray(kept == "localStorage"
                ? state["origins"]!.AsArray().Where(o => (string)o!["origin"]! == scene.Site.Url.GetLeftPart(UriPartial.Authority)).Select(o => o!.DeepClone()).ToArray()
                : []),
        };
        Assert.NotEmpty(carried[kept == "cookie" ? "cookies" : "origins"]!.AsArray());
        await using var thanks = await scene.Chromium.Browser.NewContextAsync(new() { StorageState = carried.ToJsonString() });
        var page = await thanks.NewPageAsync();
        var beacon = page.WaitForRequestAsync(r => r.Url == scene.Tracker + "/p/collect");
        await page.GotoAsync(scene.ThankYouPage("F1"));

        var request = await beacon;
        Assert.Equal("POST", request.Method);
        Assert.DoesNotContain("_trk_o", (await request.AllHeadersAsync()).GetValueOrDefault("cookie") ?? "");
        // Source "parameter": the click id came in the beacon's body, read from the advertiser's site, not from a cookie.
        var hit = Assert.Single(await scene.ScriptHitsAsync());
        Assert.Equal((clickId, ClickIdSource.Parameter, Reasons.Converted), (hit.ClickId, hit.ClickIdSource, hit.Outcome));
    }

    [Fact]
    public async Task JsPixelAndPostbackOfTheSameOrderAreOneConversionWithBothMethods()
    {
        await using var scene = await Scene.StartAsync();
        var page = await scene.Chromium.Browser.NewPageAsync();
        var clickId = await scene.ClickAsync(page);
        await page.GotoAsync(scene.ThankYouPage("P1"));
        await scene.ScriptHitsAsync();

        var postback = await scene.App.Public().PostbackAsync($"click_id={clickId}&goal=purchase&amount=25&order_id=P1&token={scene.Offer.Token}");
        await scene.App.Decided(await postback.HitIdAsync());
        await scene.App.AllDecided();

        var conversion = await scene.App.WithDb(db => db.Conversions.AsNoTracking().SingleAsync(Ct));
        Assert.Equal([Method.Pixel, Method.Postback], conversion.Methods);
        Assert.Equal((clickId, "P1", 25m), (conversion.ClickId, conversion.OrderId, conversion.Amount));
        var outcomes = await scene.App.WithDb(db => db.Hits.AsNoTracking().OrderBy(h => h.Id).Select(h => h.Outcome).ToListAsync(Ct));
        Assert.Equal([Reasons.Converted, Reasons.Merged], outcomes);
    }
}
