using System.Net;
using System.Text.RegularExpressions;

namespace Tracking.Api.Tests.Features.Offers;

public sealed partial class GoalsAndIntegrationTests
{
    private static async Task<int> OfferAsync(HttpClient api, int advertiserId) =>
        (await (await api.PostJson("/api/offers", new { advertiser_id = advertiserId, name = "Shop", landing_url = "https://shop.example/?c={click_id}" }))
            .Json(HttpStatusCode.Created)).Id();

    [Fact]
    public async Task GoalsAreAddedAndListedWithThePrice()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var offerId = await OfferAsync(api, (await OffersApiTests.CatalogAsync(api)).AdvertiserId);
        var response = await api.PostJson($"/api/offers/{offerId}/goals",
            new { code = "Purchase", revenue = 10.5m, revenue_type = "percent", payout = 2, payout_type = "fixed" });
        var goal = await response.Json(HttpStatusCode.Created);
        Assert.Equal(("purchase", false, 10.5m, "percent", 2m, "fixed"), (goal.Str("code"), (bool)goal["once_per_click"]!,
            (decimal)goal["revenue"]!, goal.Str("revenue_type"), (decimal)goal["payout"]!, goal.Str("payout_type")));
        var install = await (await api.PostJson($"/api/offers/{offerId}/goals", new { code = "install" })).Json(HttpStatusCode.Created);
        Assert.True((bool)install["once_per_click"]!);
        var custom = await (await api.PostJson($"/api/offers/{offerId}/goals", new { code = "level_up", once_per_click = true })).Json(HttpStatusCode.Created);
        Assert.True((bool)custom["once_per_click"]!);

        var goals = await api.GetJson($"/api/offers/{offerId}/goals");
        Assert.Equal(["conversion", "purchase", "install", "level_up"], goals.Items().Select(g => g.Str("code")));
        Assert.Null(goals["next_cursor"]);
        Assert.Equal(goals["items"]!.ToJsonString(), (await api.GetJson($"/api/offers/{offerId}"))["goals"]!.ToJsonString());
    }

    [Fact]
    public async Task BadGoalInputGetsAReason()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var offerId = await OfferAsync(api, (await OffersApiTests.CatalogAsync(api)).AdvertiserId);
        async Task Add(object body, string reason) =>
            await (await api.PostJson($"/api/offers/{offerId}/goals", body)).AssertProblem(HttpStatusCode.BadRequest, reason);
        await Add(new { code = "conversion" }, "goal_exists");
        await Add(new { code = "CONVERSION " }, "goal_exists");
        await Add(new { }, "invalid_goal_code");
        await Add(new { code = "has space" }, "invalid_goal_code");
        await Add(new { code = new string('a', 65) }, "invalid_goal_code");
        await Add(new { code = "lead", revenue = -1 }, "invalid_amount");
        await Add(new { code = "lead", payout = 2000, payout_type = "percent" }, "invalid_amount");
        await Add(new { code = "lead", revenue_type = "share" }, "invalid_revenue_type");
        await Add(new { code = "lead", payout_type = "half" }, "invalid_payout_type");
        await (await api.PostRaw($"/api/offers/{offerId}/goals", "{\"code\":\"lead\",\"revenue\":\"ten\"}")).AssertProblem(HttpStatusCode.BadRequest, "invalid_body");
        Assert.Single((await api.GetJson($"/api/offers/{offerId}/goals")).Items());
    }

    [Fact]
    public async Task IntegrationKitLinksWorkWhenPasted()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var anonymous = app.Public();
        var ct = TestContext.Current.CancellationToken;
        var (advertiserId, affiliateId) = await OffersApiTests.CatalogAsync(api);
        var offerId = await OfferAsync(api, advertiserId);
        await (await api.PostJson($"/api/offers/{offerId}/goals", new { code = "install" })).Json(HttpStatusCode.Created);
        await (await api.PostJson($"/api/offers/{offerId}/goals", new { code = "purchase" })).Json(HttpStatusCode.Created);
        var token = (await api.GetJson($"/api/advertisers/{advertiserId}")).Str("postback_token");
        var kit = await api.GetJson($"/api/offers/{offerId}/integration");
        var origin = api.BaseAddress!.GetLeftPart(UriPartial.Authority);

        var link = kit.Str("tracking_link");
        Assert.Equal($"{origin}/c/{offerId}?aff_id={{aff_id}}&sub1={{sub1}}", link);
        var click = await anonymous.GetAsync(link.Replace("{aff_id}", affiliateId.ToString()).Replace("{sub1}", "s1"), ct);
        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
        var clickId = Uri.UnescapeDataString(click.Headers.Location!.Query.Split("c=")[1]);

        var postback = kit.Str("postback_url");
        Assert.EndsWith($"&token={token}", postback);
        var fired = await anonymous.GetAsync(postback.Replace("{click_id}", Uri.EscapeDataString(clickId)).Replace("{goal}", "purchase")
            .Replace("{amount}", "12.5").Replace("{currency}", "USD").Replace("{order_id}", "o-1").Replace("{event_id}", "e-1"), ct);
        Assert.Equal("accepted", (await fired.Json(HttpStatusCode.OK)).Str("status"));

        var pixel = kit["pixel"]!;
        Assert.Contains("<!-- goal: one of conversion, install, purchase -->", pixel.Str("image"));
        var image = System.Net.WebUtility.HtmlDecode(SrcPattern().Match(pixel.Str("image")).Groups[1].Value);
        Assert.StartsWith($"{origin}/p/{offerId}.gif?goal={{goal}}&amount={{amount}}", image);
        var gif = await anonymous.GetAsync(image.Replace("{goal}", "purchase").Replace("{amount}", "1").Replace("{order_id}", "o-2").Replace("{event_id}", "e-2"), ct);
        Assert.Equal((HttpStatusCode.OK, "image/gif"), (gif.StatusCode, gif.Content.Headers.ContentType?.MediaType));
        var iframe = System.Net.WebUtility.HtmlDecode(SrcPattern().Match(pixel.Str("iframe")).Groups[1].Value);
        Assert.StartsWith($"{origin}/p/{offerId}.html?goal=", iframe);
        Assert.Contains($"<script src=\"{origin}/t.js\"></script>", pixel.Str("javascript"));
        Assert.Contains($"trk('conversion', {{ offer_id: {offerId}, goal: 'conversion'", pixel.Str("javascript"));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"{origin}/t.js", ct)).StatusCode);

        var goals = kit["goals"]!.AsArray().Select(g => g!).ToList();
        Assert.Equal(["conversion", "install", "purchase"], goals.Select(g => g.Str("code")));
        Assert.Equal(["in_app", "install", "in_app"], goals.Select(g => g.Str("postback_kind")));
        var installUrl = goals[1].Str("postback_url").Replace("{click_id}", Uri.EscapeDataString(clickId));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(installUrl, ct)).StatusCode);
        // SPEC 3's aliases first, in order, then the other trackers' names (issue 11.1, docs/integration/migrating.md).
        var clickIds = kit["parameter_aliases"]!["click_id"]!.AsArray().Select(a => (string)a!).ToList();
        Assert.Equal(["click_id", "clickid", "transaction_id", "cid", "subid"], clickIds.Take(5));
        Assert.Contains("cnv_id", clickIds);
        Assert.Contains("adv_sub", kit["parameter_aliases"]!["order_id"]!.AsArray().Select(a => (string)a!));
    }

    [Fact]
    public async Task IntegrationKitUsesTheConfiguredPublicBaseUrl()
    {
        await using var app = new TrackingApp().With("Tracking:PublicBaseUrl", "https://trk.example.com/");
        var api = app.Api();
        var offerId = await OfferAsync(api, (await OffersApiTests.CatalogAsync(api)).AdvertiserId);
        var kit = await api.GetJson($"/api/offers/{offerId}/integration");
        Assert.Equal($"https://trk.example.com/c/{offerId}?aff_id={{aff_id}}&sub1={{sub1}}", kit.Str("tracking_link"));
        Assert.StartsWith("https://trk.example.com/postback?click_id={click_id}", kit.Str("postback_url"));
    }

    [GeneratedRegex("src=\"([^\"]+)\"")]
    private static partial Regex SrcPattern();
}
