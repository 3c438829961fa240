using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Ingress;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;

namespace Tracking.Api.Tests.Limits;

/// <summary>
/// Issue 12.2 over real HTTP: clicks and pixels limited per client address, postbacks per advertiser, <c>/api</c> per key; what
/// each answers over its limit; refused requests recorded as counts with a sample, never as hits.
/// </summary>
public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APostbackOverItsAdvertisersLimitIs429WithRetryAfterWhileAnotherAdvertiserIsAnswered()
    {
        await using var app = new TrackingApp().Limit("Postbacks", 3);
        var (one, two) = (await app.OfferAsync(), await app.OfferAsync());
        var client = app.Public();
        var (clickOne, _) = await client.ClickAsync(one);
        var (clickTwo, _) = await client.ClickAsync(two);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostbackAsync($"click_id={clickOne}&goal=install&order_id=A{i}&token={one.Token}")).StatusCode);

        // Another address, the same advertiser: the limit is the advertiser's, not the address's.
        var over = await app.From("127.0.0.2").PostbackAsync($"click_id={clickOne}&goal=install&order_id=A9&token={one.Token}");
        await over.AssertProblem(HttpStatusCode.TooManyRequests, Reasons.RateLimited);
        Assert.InRange(over.RetryAfter(), 1, 3600);
        Assert.Equal(HttpStatusCode.OK, (await client.PostbackAsync($"click_id={clickTwo}&goal=install&order_id=B1&token={two.Token}")).StatusCode);

        var refused = await RefusedAsync(app, "postback", 1);
        Assert.Equal("advertiser:" + one.AdvertiserId, refused.Str("partition"));
        Assert.Contains("token=***", refused.Str("sample_url"));
        Assert.DoesNotContain(one.Token, refused.Str("sample_url"));
        await app.AllStored();
        Assert.Equal(4, await app.WithDb(db => db.Hits.CountAsync(h => h.Method == Method.Postback, Ct)));
    }

    [Fact]
    public async Task APixelOverItsAddressLimitStillAnswersAsAPixelAndRecordsNoHit()
    {
        await using var app = new TrackingApp().Limit("Pixels", 2);
        var s = await app.OfferAsync();
        var client = app.Public();
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await client.PixelAsync(s.OfferId, $"goal=install&order_id=P{i}")).StatusCode);

        var image = await client.PixelAsync(s.OfferId, "goal=install&order_id=P3");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/gif", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(PixelEndpoints.Gif, await image.Content.ReadAsByteArrayAsync(Ct));
        var iframe = await client.GetAsync($"/p/{s.OfferId}.html?goal=install&order_id=P4", Ct);
        Assert.Equal(HttpStatusCode.OK, iframe.StatusCode);
        Assert.Contains("<!doctype html>", await iframe.Content.ReadAsStringAsync(Ct));
        var beacon = await client.PostRaw("/p/collect", $$"""{"offer_id":"{{s.OfferId}}","goal":"install","order_id":"P5"}""");
        Assert.Equal(HttpStatusCode.OK, beacon.StatusCode);
        Assert.Equal("rate_limited", (string?)JsonNode.Parse(await beacon.Content.ReadAsStringAsync(Ct))!["status"]);

        // Another address is counted apart.
        Assert.Equal(HttpStatusCode.OK, (await app.From("127.0.0.3").PixelAsync(s.OfferId, "goal=install&order_id=P6")).StatusCode);
        await RefusedAsync(app, "pixel", 2);
        await RefusedAsync(app, "collect", 1);
        await app.AllStored();
        Assert.Equal(3, await app.WithDb(db => db.Hits.CountAsync(Ct)));
    }

    [Fact]
    public async Task AClickOverItsAddressLimitIs429WithAShortPageAndNoCookie()
    {
        await using var app = new TrackingApp().Limit("Clicks", 1);
        var s = await app.OfferAsync();
        var client = app.Public();
        await client.ClickAsync(s);

        var over = await client.GetAsync($"/c/{s.OfferId}?aff_id={s.AffiliateId}", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.Equal("text/html", over.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Too many clicks", await over.Content.ReadAsStringAsync(Ct));
        Assert.False(over.Headers.Contains("Set-Cookie"));
        Assert.InRange(over.RetryAfter(), 1, 3600);
        Assert.Equal(HttpStatusCode.Redirect, (await app.From("127.0.0.4").GetAsync($"/c/{s.OfferId}?aff_id={s.AffiliateId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task TheApiIsLimitedPerKeyAndWithoutAKeyPerAddress()
    {
        await using var app = new TrackingApp().Limit("Api", 3);
        var admin = app.Api();
        var created = await (await admin.PostJson("/api/keys", new { name = "reader", role = "analyst" })).Json(HttpStatusCode.Created);
        await admin.GetJson("/api/offers");
        await admin.GetJson("/api/offers");
        var over = await admin.GetAsync("/api/offers", Ct);
        await over.AssertProblem(HttpStatusCode.TooManyRequests, Reasons.RateLimited);
        Assert.InRange(over.RetryAfter(), 1, 3600);

        // The analyst's key, from the same address, has its own window.
        await app.From("127.0.0.1", created.Str("key")).GetJson("/api/offers");
        var anonymous = app.Public();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/offers", Ct)).StatusCode);
        await (await anonymous.GetAsync("/api/offers", Ct)).AssertProblem(HttpStatusCode.TooManyRequests, Reasons.RateLimited);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.From("127.0.0.5").GetAsync("/api/offers", Ct)).StatusCode);
    }

    [Fact]
    public async Task ALimitOfZeroIsOff()
    {
        await using var app = new TrackingApp().Limit("Pixels", 0);
        var s = await app.OfferAsync();
        var client = app.Public();
        for (var i = 0; i < 20; i++) await client.PixelAsync(s.OfferId, $"goal=install&order_id=Z{i}");
        await app.AllStored();
        Assert.Equal(20, await app.WithDb(db => db.Hits.CountAsync(Ct)));
    }

    /// <summary>Waits until the refusals API counts <paramref name="count"/> at <paramref name="endpoint"/>; answers the newest row.</summary>
    private static async Task<JsonNode> RefusedAsync(TrackingApp app, string endpoint, long count)
    {
        var page = await Eventually.Until(() => app.Api().GetJson($"/api/limits/refused?endpoint={endpoint}"),
            p => (long?)p["totals"]?[endpoint] == count, what: $"{count} refused at {endpoint}");
        return page.Items()[0];
    }
}
