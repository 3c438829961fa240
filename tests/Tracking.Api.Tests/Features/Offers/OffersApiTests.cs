using System.Net;

namespace Tracking.Api.Tests.Features.Offers;

public sealed class OffersApiTests
{
    private const string Landing = "https://shop.example/landing?cid={click_id}";

    internal static async Task<(int AdvertiserId, int AffiliateId)> CatalogAsync(HttpClient api)
    {
        var advertiser = await (await api.PostJson("/api/advertisers", new { name = "Acme" })).Json(HttpStatusCode.Created);
        var affiliate = await (await api.PostJson("/api/affiliates", new { name = "Partner" })).Json(HttpStatusCode.Created);
        return (advertiser.Id(), affiliate.Id());
    }

    [Fact]
    public async Task NewOfferHasDefaultsAndTheConversionGoal()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var (advertiserId, _) = await CatalogAsync(api);
        var response = await api.PostJson("/api/offers", new { advertiser_id = advertiserId, name = "Shop", landing_url = Landing });
        var offer = await response.Json(HttpStatusCode.Created);
        Assert.Equal($"/api/offers/{offer.Id()}", response.Headers.Location!.ToString());
        Assert.Equal(advertiserId, (int)offer["advertiser_id"]!);
        Assert.Equal(Landing, offer.Str("landing_url"));
        Assert.Equal(30, (int)offer["lookback_days"]!);
        Assert.Equal("both", offer.Str("expected_methods"));
        Assert.Equal(1440, (int)offer["reconcile_after_minutes"]!);
        Assert.Equal("USD", offer.Str("currency"));
        Assert.Equal("postback", offer.Str("authority"));
        Assert.False((bool)offer["hold_for_approval"]!);
        Assert.Equal("active", offer.Str("state"));
        var goal = Assert.Single(offer["goals"]!.AsArray())!;
        Assert.Equal("conversion", goal.Str("code"));
        Assert.True((bool)goal["once_per_click"]!);
        Assert.Equal(offer.ToJsonString(), (await api.GetJson($"/api/offers/{offer.Id()}")).ToJsonString());
    }

    [Fact]
    public async Task OfferIsCreatedWithEverySettingAndPatched()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var (advertiserId, _) = await CatalogAsync(api);
        var offer = await (await api.PostJson("/api/offers", new
        {
            advertiser_id = advertiserId,
            name = "App",
            landing_url = Landing,
            lookback_days = 7,
            expected_methods = "postback",
            reconcile_after_minutes = 60,
            currency = "eur",
            authority = "pixel",
            hold_for_approval = true,
            state = "paused",
        })).Json(HttpStatusCode.Created);
        Assert.Equal((7, "postback", 60, "EUR", "pixel", true, "paused"), ((int)offer["lookback_days"]!, offer.Str("expected_methods"),
            (int)offer["reconcile_after_minutes"]!, offer.Str("currency"), offer.Str("authority"), (bool)offer["hold_for_approval"]!, offer.Str("state")));

        var patched = await (await api.PatchJson($"/api/offers/{offer.Id()}", new
        {
            name = "App 2",
            landing_url = "https://app.example/?c={click_id}",
            state = "active",
            expected_methods = "both",
            hold_for_approval = false,
        })).Json(HttpStatusCode.OK);
        Assert.Equal(("App 2", "https://app.example/?c={click_id}", "active", "both", false, 7, "EUR"), (patched.Str("name"), patched.Str("landing_url"),
            patched.Str("state"), patched.Str("expected_methods"), (bool)patched["hold_for_approval"]!, (int)patched["lookback_days"]!, patched.Str("currency")));
    }

    [Fact]
    public async Task ListFiltersByAdvertiserAndPages()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var (a1, _) = await CatalogAsync(api);
        var (a2, _) = await CatalogAsync(api);
        foreach (var (adv, name) in new[] { (a1, "O1"), (a2, "O2"), (a1, "O3"), (a1, "O4") })
            await (await api.PostJson("/api/offers", new { advertiser_id = adv, name, landing_url = Landing })).Json(HttpStatusCode.Created);

        Assert.Equal(4, (await api.GetJson("/api/offers")).Items().Count);
        Assert.Equal(["O2"], (await api.GetJson($"/api/offers?advertiser_id={a2}")).Items().Select(o => o.Str("name")));
        var first = await api.GetJson($"/api/offers?advertiser_id={a1}&limit=2");
        Assert.Equal(["O1", "O3"], first.Items().Select(o => o.Str("name")));
        var second = await api.GetJson($"/api/offers?advertiser_id={a1}&limit=2&cursor={first.Str("next_cursor")}");
        Assert.Equal(["O4"], second.Items().Select(o => o.Str("name")));
        Assert.Null(second["next_cursor"]);
    }

    [Fact]
    public async Task BadOfferInputGetsAReason()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var ct = TestContext.Current.CancellationToken;
        var (adv, _) = await CatalogAsync(api);
        async Task Create(object body, string reason) =>
            await (await api.PostJson("/api/offers", body)).AssertProblem(HttpStatusCode.BadRequest, reason);

        await Create(new { name = "x", landing_url = Landing }, "advertiser_id_required");
        await Create(new { advertiser_id = 999, name = "x", landing_url = Landing }, "unknown_advertiser");
        await Create(new { advertiser_id = adv, landing_url = Landing }, "name_required");
        await Create(new { advertiser_id = adv, name = "x" }, "invalid_landing_url");
        await Create(new { advertiser_id = adv, name = "x", landing_url = "javascript:alert(1)" }, "invalid_landing_url");
        await Create(new { advertiser_id = adv, name = "x", landing_url = "/relative" }, "invalid_landing_url");
        await Create(new { advertiser_id = adv, name = "x", landing_url = "https://shop.example{sub1}/?c={click_id}" }, "invalid_landing_url");
        await Create(new { advertiser_id = adv, name = "x", landing_url = Landing, currency = "XXX" }, "invalid_currency");
        await Create(new { advertiser_id = adv, name = "x", landing_url = Landing, lookback_days = 0 }, "invalid_lookback_days");
        await Create(new { advertiser_id = adv, name = "x", landing_url = Landing, lookback_days = 366 }, "invalid_lookback_days");
        await Create(new { advertiser_id = adv, name = "x", landing_url = Landing, reconcile_after_minutes = -1 }, "invalid_reconcile_after_minutes");
        await Create(new { advertiser_id = adv, name = "x", landing_url = Landing, expected_methods = "email" }, "invalid_expected_methods");
        await Create(new { advertiser_id = adv, name = "x", landing_url = Landing, authority = "both" }, "invalid_authority");
        await Create(new { advertiser_id = adv, name = "x", landing_url = Landing, state = "deleted" }, "invalid_state");
        await (await api.PostRaw("/api/offers", "{\"advertiser_id\": \"one\"}")).AssertProblem(HttpStatusCode.BadRequest, "invalid_body");
        await (await api.PostRaw("/api/offers", "{oops")).AssertProblem(HttpStatusCode.BadRequest, "invalid_body");
        await (await api.GetAsync("/api/offers?advertiser_id=x", ct)).AssertProblem(HttpStatusCode.BadRequest, "invalid_advertiser_id");

        var offer = await (await api.PostJson("/api/offers", new { advertiser_id = adv, name = "x", landing_url = Landing })).Json(HttpStatusCode.Created);
        await (await api.PatchJson($"/api/offers/{offer.Id()}", new { currency = "dollars" })).AssertProblem(HttpStatusCode.BadRequest, "invalid_currency");
        await (await api.PatchJson($"/api/offers/{offer.Id()}", new { landing_url = "ftp://x" })).AssertProblem(HttpStatusCode.BadRequest, "invalid_landing_url");
        await (await api.PatchJson($"/api/offers/{offer.Id()}", new { advertiser_id = adv + 1 })).AssertProblem(HttpStatusCode.BadRequest, "advertiser_immutable");
        Assert.Equal("USD", (await api.GetJson($"/api/offers/{offer.Id()}")).Str("currency"));
        foreach (var path in new[] { "/api/offers/999", "/api/offers/999/goals", "/api/offers/999/integration" })
            await (await api.GetAsync(path, ct)).AssertProblem(HttpStatusCode.NotFound, "not_found");
        await (await api.PatchJson("/api/offers/999", new { name = "x" })).AssertProblem(HttpStatusCode.NotFound, "not_found");
        await (await api.PostJson("/api/offers/999/goals", new { code = "lead" })).AssertProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task NewOfferIsUsableByClicksAtOnceAndPausingStopsThem()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var anonymous = app.Public();
        var ct = TestContext.Current.CancellationToken;
        var (adv, aff) = await CatalogAsync(api);
        // Warm the catalog snapshot so a stale one would be noticed.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/c/1?aff_id={aff}", ct)).StatusCode);
        var offer = await (await api.PostJson("/api/offers", new { advertiser_id = adv, name = "x", landing_url = Landing })).Json(HttpStatusCode.Created);

        var click = await anonymous.GetAsync($"/c/{offer.Id()}?aff_id={aff}", ct);
        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
        Assert.StartsWith("https://shop.example/landing?cid=", click.Headers.Location!.ToString());

        await (await api.PatchJson($"/api/offers/{offer.Id()}", new { state = "paused" })).Json(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/c/{offer.Id()}?aff_id={aff}", ct)).StatusCode);
    }
}
