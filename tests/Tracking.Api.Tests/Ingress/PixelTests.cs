using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Ingress;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;

namespace Tracking.Api.Tests.Ingress;

public sealed class PixelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task AssertGif(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/gif", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal(PixelEndpoints.Gif, await response.Content.ReadAsByteArrayAsync(Ct));
    }

    private static Task<Hit> LatestHit(TrackingApp app) =>
        Eventually.Until(() => app.WithDb(db => db.Hits.AsNoTracking().OrderByDescending(h => h.Id).FirstOrDefaultAsync()), h => h?.Outcome is not null)!;

    [Fact]
    public async Task AnImagePixelFindsTheClickThroughTheCookieAndConverts()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, cookie) = await client.ClickAsync(s);
        await AssertGif(await client.PixelAsync(s.OfferId, "goal=purchase&amount=12.50&order_id=A1", cookie));
        var hit = await LatestHit(app);
        Assert.Equal((Reasons.Converted, clickId, ClickIdSource.Cookie, 12.50m, "USD"), (hit.Outcome, hit.ClickId, hit.ClickIdSource, hit.Amount, hit.Currency));
        var conversion = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync());
        Assert.Equal((s.AffiliateId, "purchase", "A1"), (conversion.AffiliateId, conversion.Goal, conversion.OrderId));
    }

    [Fact]
    public async Task APixelReadsOnlySpec3NamesSoItsOwnCacheBusterAndTimestampAreNotMisread()
    {
        // r, t, e, p and type are other trackers' postback names (docs/integration/migrating.md); on a thank-you page's tag
        // they are a cache buster, a timestamp and the page's own values, and a pixel must not read them.
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, cookie) = await client.ClickAsync(s);
        await AssertGif(await client.PixelAsync(s.OfferId, "goal=purchase&amount=5&order_id=A2&r=8412&t=1767225600&e=x&type=img&p=3", cookie));
        var hit = await LatestHit(app);
        Assert.Equal((Reasons.Converted, clickId, ClickIdSource.Cookie, "purchase", "A2"), (hit.Outcome, hit.ClickId, hit.ClickIdSource, hit.Goal, hit.OrderId));
    }

    [Theory]
    [InlineData("goal=purchase&amount=abc", Reasons.InvalidAmount)]
    [InlineData("goal=purchase&amount=-5", Reasons.InvalidAmount)]
    [InlineData("goal=purchase&currency=XYZ", Reasons.InvalidCurrency)]
    [InlineData("goal=nope", Reasons.UnknownGoal)]
    [InlineData("click_id=forged-click-id-forged-click-id-xxxx", Reasons.InvalidClickId)]
    [InlineData("goal=purchase", Reasons.NoClickId)]
    public async Task ABadPixelStillAnswersTheGifAndTheProblemIsTheHitsOutcome(string query, string outcome)
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        await AssertGif(await app.Public().PixelAsync(s.OfferId, query));
        Assert.Equal(outcome, (await LatestHit(app)).Outcome);
        Assert.Equal(0, await app.WithDb(db => db.Conversions.CountAsync()));
    }

    [Fact]
    public async Task APixelForAnUnknownOfferStillAnswersTheGif()
    {
        await using var app = new TrackingApp();
        await app.OfferAsync();
        await AssertGif(await app.Public().PixelAsync(4242, "goal=purchase"));
        Assert.Equal(Reasons.UnknownOffer, (await LatestHit(app)).Outcome);
    }

    [Fact]
    public async Task APixelWhoseCookieIsForAnotherOfferIsOfferMismatch()
    {
        await using var app = new TrackingApp();
        var a = await app.OfferAsync();
        var b = await app.OfferAsync();
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(a);
        await client.PixelAsync(b.OfferId, $"click_id={clickId}");
        Assert.Equal(Reasons.OfferMismatch, (await LatestHit(app)).Outcome);
    }

    [Fact]
    public async Task TheIframePixelAnswersAMinimalPage()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        var response = await client.GetAsync($"/p/{s.OfferId}.html?click_id={clickId}&goal=install", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var hit = await LatestHit(app);
        Assert.Equal((Reasons.Converted, HitChannel.Iframe, ClickIdSource.Parameter), (hit.Outcome, hit.Channel, hit.ClickIdSource));
    }

    [Fact]
    public async Task TheJavaScriptPixelIsServedAndItsBeaconIsRecorded()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var script = await client.GetAsync("/t.js", Ct);
        Assert.Equal("application/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Contains("sendBeacon", await script.Content.ReadAsStringAsync(Ct));

        var (clickId, _) = await client.ClickAsync(s);
        var body = $$"""{"offer_id":{{s.OfferId}},"goal":"purchase","amount":19.99,"order_id":"JS1","click_id":"{{clickId}}"}""";
        var request = new HttpRequestMessage(HttpMethod.Post, "/p/collect") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", "https://advertiser.example");
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var hit = await app.Decided(await response.HitIdAsync());
        Assert.Equal((Reasons.Converted, HitChannel.Script, 19.99m), (hit[0].Outcome, hit[0].Channel, hit[0].Amount));
    }

    [Theory]
    [InlineData("{not json", Reasons.InvalidBody)]
    [InlineData("[1,2]", Reasons.InvalidBody)]
    [InlineData("{\"offer_id\":{\"nested\":1}}", Reasons.InvalidBody)]
    public async Task AGarbledBeaconIsRecordedWithItsReason(string body, string reason)
    {
        await using var app = new TrackingApp();
        await app.OfferAsync();
        var response = await app.Public().PostAsync("/p/collect", new StringContent(body, Encoding.UTF8, "text/plain"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(reason, (await app.Decided(await response.HitIdAsync()))[0].Outcome);
    }

    [Fact]
    public async Task AnOversizedBeaconIsRecordedAsTooLarge()
    {
        await using var app = new TrackingApp();
        await app.OfferAsync();
        var response = await app.Public().PostAsync("/p/collect", new StringContent(new string('x', 20_000), Encoding.UTF8, "text/plain"), Ct);
        Assert.Equal(Reasons.BodyTooLarge, (await app.Decided(await response.HitIdAsync()))[0].Outcome);
    }
}
