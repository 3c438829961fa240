using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tracking.Api.Tests.Features.Conversions;

/// <summary>
/// Issue 11.4 through HTTP on SQLite: an offer's hold keeps new conversions pending until <c>hold_until</c>, then the
/// worker's hold job approves those nobody decided meanwhile and the <c>approved</c> template fires then, once. The app's
/// clock is moved three days on instead of waiting.
/// </summary>
public sealed class HoldPeriodTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AHeldConversionIsApprovedWhenItsHoldIsOverAndForwardedOnceUnlessRejectedMeanwhile()
    {
        var clock = new ShiftedClock();
        await using var receiver = await Receiver.StartAsync();
        await using var app = new TrackingApp().WithClock(clock).With("Tracking:Worker:HoldEvery", "00:00:00.200").FastRetries();
        var s = await app.OfferAsync();
        var api = app.Api();
        var offer = await (await api.PatchAsJsonAsync($"/api/offers/{s.OfferId}", new { hold_days = 3 }, Ct)).JsonAsync();
        Assert.Equal(3, offer.GetProperty("hold_days").GetInt32());
        Assert.Equal(3, (await api.GetJsonAsync($"/api/offers/{s.OfferId}")).GetProperty("hold_days").GetInt32());
        await app.TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={conversion_id}&s={status}"), trigger = "approved" });
        var traffic = new Traffic(app, s);
        var (kept, rejected) = (await traffic.ClickAsync(), await traffic.ClickAsync());
        await traffic.PostbackAsync(kept, "purchase", "&order_id=K&amount=20");
        await traffic.PostbackAsync(rejected, "purchase", "&order_id=R&amount=20");
        await traffic.SettledAsync();
        // The advertiser's approval while held does not end the hold: it says what the hold will do anyway.
        await traffic.PostbackAsync(kept, "purchase", "&order_id=K&amount=20&status=approved");
        await traffic.SettledAsync();

        var held = await ByClick(api, kept);
        Assert.Equal("pending", held.Str("status"));
        var until = held.GetProperty("hold_until").GetDateTime();
        Assert.Equal(held.GetProperty("created_at").GetDateTime().AddDays(3), until, TimeSpan.FromSeconds(1));
        var reject = await api.PatchAsJsonAsync($"/api/conversions/{(await ByClick(api, rejected)).Str("id")}", new { status = "rejected" }, Ct);
        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await reject.JsonAsync()).GetProperty("hold_until").ValueKind);
        await Task.Delay(600, Ct); // a few ticks of the hold job: nothing is due yet
        Assert.Empty(receiver.Requests);
        Assert.Equal("pending", (await ByClick(api, kept)).Str("status"));

        clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var request = Assert.Single(await receiver.RequestsUntil(1));
        await Task.Delay(600, Ct); // more ticks: a second approval or forward would show now
        Assert.Single(receiver.Requests);
        var approved = await api.GetJsonAsync($"/api/conversions/{held.Str("id")}");
        Assert.Equal((held.Str("id"), "approved"), (request.Query("c"), request.Query("s")));
        Assert.Equal("approved", approved.Str("status"));
        Assert.Equal(JsonValueKind.Null, approved.GetProperty("hold_until").ValueKind);
        var last = Assert.Single(approved.GetProperty("status_history").EnumerateArray(), h => h.Str("source") == "hold_elapsed");
        Assert.Equal(("pending", "approved"), (last.Str("from"), last.Str("to")));
        Assert.Equal("rejected", (await ByClick(api, rejected)).Str("status"));
    }

    [Fact]
    public async Task HoldDaysIsValidatedAndAnExplicitPendingOrRejectedIsKeptWithoutAHold()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var api = app.Api();
        var bad = await api.PatchAsJsonAsync($"/api/offers/{s.OfferId}", new { hold_days = 366 }, Ct);
        Assert.Equal("invalid_hold_days", (await bad.JsonAsync()).Reason());
        Assert.Equal(0, (await api.GetJsonAsync($"/api/offers/{s.OfferId}")).GetProperty("hold_days").GetInt32());
        var created = await api.PostAsJsonAsync("/api/offers", new { advertiser_id = s.AdvertiserId, name = "Held", landing_url = "https://shop.example/", hold_days = 7 }, Ct);
        Assert.Equal(7, (await created.JsonAsync()).GetProperty("hold_days").GetInt32());
        await api.PatchAsJsonAsync($"/api/offers/{s.OfferId}", new { hold_days = 2 }, Ct);
        var traffic = new Traffic(app, s);
        var (pending, rejected) = (await traffic.ClickAsync(), await traffic.ClickAsync());
        await traffic.PostbackAsync(pending, query: "&status=pending");
        await traffic.PostbackAsync(rejected, query: "&status=rejected");
        await traffic.SettledAsync();

        Assert.Equal(("pending", JsonValueKind.Null), Held(await ByClick(api, pending)));
        Assert.Equal(("rejected", JsonValueKind.Null), Held(await ByClick(api, rejected)));
    }

    private static (string?, JsonValueKind) Held(JsonElement c) => (c.Str("status"), c.GetProperty("hold_until").ValueKind);

    private static async Task<JsonElement> ByClick(HttpClient api, string clickId) =>
        Assert.Single((await api.GetJsonAsync($"/api/conversions?click_id={clickId}")).Items());
}
