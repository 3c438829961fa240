using System.Net;
using Tracking.Domain.Forwarding;

namespace Tracking.Api.Tests.Features.Forwarding;

/// <summary>SPEC 5 end to end: real hits in, the worker over the bus, real HTTP out to a receiver on 127.0.0.1.</summary>
public sealed class DeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AConversionSeenByPixelAndPostbackWithDuplicatesIsForwardedOnceWithItsMacrosFilled()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = new TrackingApp().FastRetries();
        var s = await app.OfferAsync();
        var api = app.Api();
        await api.TemplateAsync(s.AffiliateId, new
        {
            url = receiver.Url("/pb?click={click_id}&conv={conversion_id}&offer={offer_id}&aff={aff_id}&s1={sub1}&src={source}"
                + "&goal={goal}&amount={amount}&payout={payout}&cur={currency}&status={status}&order={order_id}&ts={timestamp}"),
        });
        var client = app.Public();
        var (clickId, cookie) = await client.ClickAsync(s, "&sub1=a%20b%26c&source=mail");
        var postback = $"click_id={clickId}&goal=purchase&amount=10&currency=USD&order_id=A1&token={s.Token}";
        await client.PixelAsync(s.OfferId, "goal=purchase&amount=10&currency=USD&order_id=A1", cookie);
        await client.PostbackAsync(postback);
        await client.PostbackAsync(postback);
        await client.PixelAsync(s.OfferId, "goal=purchase&amount=10&currency=USD&order_id=A1", cookie);
        await app.AllDecided();

        var delivery = (await app.DeliveriesUntil(1, d => d.State == DeliveryState.Succeeded, "the delivery to succeed")).Single();
        await Task.Delay(500, Ct);
        var request = Assert.Single(receiver.Requests);
        var conversion = await api.GetJson($"/api/conversions/{delivery.ConversionId}");
        Assert.Equal(2, conversion["methods"]!.AsArray().Count);
        Assert.Equal("GET", request.Method);
        Assert.Equal(delivery.Id, request.Header("Idempotency-Key"));
        Assert.Equal(clickId, request.Query("click"));
        Assert.Equal(delivery.ConversionId, request.Query("conv"));
        Assert.Equal(s.OfferId.ToString(), request.Query("offer"));
        Assert.Equal(s.AffiliateId.ToString(), request.Query("aff"));
        Assert.Equal("a b&c", request.Query("s1"));
        Assert.Equal("mail", request.Query("src"));
        Assert.Equal("purchase", request.Query("goal"));
        Assert.Equal("10", request.Query("amount"));
        Assert.Equal("0.5", request.Query("payout"));
        Assert.Equal("USD", request.Query("cur"));
        Assert.Equal("approved", request.Query("status"));
        Assert.Equal("A1", request.Query("order"));
        Assert.True(long.Parse(request.Query("ts")!) > 1_700_000_000);
        Assert.Single((await app.Deliveries()).Single().Attempts);
    }

    [Fact]
    public async Task AReceiverAnswering500TwiceThen200GetsThreeLoggedAttemptsAndTheDeliverySucceeds()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Respond = (n, _) => n <= 2 ? (500, "try later") : (200, "thanks");
        await using var app = new TrackingApp().FastRetries();
        var s = await app.OfferAsync();
        var api = app.Api();
        await api.TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={conversion_id}") });
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await client.PostbackAsync($"click_id={clickId}&goal=install&token={s.Token}");

        var delivery = (await app.DeliveriesUntil(1, d => d.State == DeliveryState.Succeeded, "the delivery to succeed")).Single();
        var log = await api.GetJson($"/api/deliveries?conversion_id={delivery.ConversionId}");
        var item = log["items"]!.AsArray().Single()!;
        Assert.Equal("succeeded", (string?)item["state"]);
        var attempts = item["attempts"]!.AsArray();
        Assert.Equal([500, 500, 200], attempts.Select(a => (int)a!["status_code"]!));
        Assert.Equal(["try later", "try later", "thanks"], attempts.Select(a => (string)a!["response"]!));
        Assert.All(attempts, a => Assert.True((int)a!["latency_ms"]! >= 0));
        Assert.All(attempts, a => Assert.NotNull((string?)a!["at"]));
        var view = await api.GetJson($"/api/conversions/{delivery.ConversionId}");
        Assert.Equal(delivery.Id, (string?)view["deliveries"]![0]!["id"]);
        Assert.Equal(3, view["deliveries"]![0]!["attempts"]!.AsArray().Count);
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Fact]
    public async Task ATimeoutIsAFailedAttemptRetriedAndA429IsRetriedNoSoonerThanItsRetryAfter()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Delay = n => n == 1 ? TimeSpan.FromSeconds(3) : TimeSpan.Zero;
        receiver.Respond = (n, _) => n == 2 ? (429, "slow down") : (200, "ok");
        receiver.RetryAfterSeconds = 2;
        await using var app = new TrackingApp().FastRetries().With("Tracking:Forwarding:Timeout", "00:00:00.500");
        var s = await app.OfferAsync();
        await app.Api().TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={conversion_id}") });
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await client.PostbackAsync($"click_id={clickId}&goal=install&token={s.Token}");

        var delivery = (await app.DeliveriesUntil(1, d => d.State == DeliveryState.Succeeded, "the delivery to succeed")).Single();
        var attempts = delivery.Attempts.OrderBy(a => a.Id).ToList();
        Assert.Equal([null, 429, 200], attempts.Select(a => a.StatusCode));
        Assert.StartsWith("timeout", attempts[0].Error);
        Assert.InRange(attempts[0].LatencyMs, 400, 2500);
        Assert.True(attempts[2].At - attempts[1].At >= TimeSpan.FromSeconds(1.9), $"retried after {attempts[2].At - attempts[1].At}");
    }

    [Fact]
    public async Task A400EndsTheDeliveryAsFailedWithoutRetries()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Respond = (_, _) => (400, "bad macro");
        await using var app = new TrackingApp().FastRetries();
        var s = await app.OfferAsync();
        await app.Api().TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={conversion_id}") });
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await client.PostbackAsync($"click_id={clickId}&goal=install&token={s.Token}");

        var delivery = (await app.DeliveriesUntil(1, d => d.State == DeliveryState.Failed, "the delivery to fail")).Single();
        await Task.Delay(500, Ct);
        Assert.Single(receiver.Requests);
        Assert.Single((await app.Deliveries()).Single().Attempts);
        Assert.Equal("HTTP 400", delivery.LastError);
    }

    [Fact]
    public async Task A410FailsTheDeliveryAndPausesTheTemplateSoLaterConversionsWait()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Respond = (_, _) => (410, "gone");
        await using var app = new TrackingApp().FastRetries();
        var s = await app.OfferAsync();
        var api = app.Api();
        var template = await api.TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={conversion_id}") });
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=1&token={s.Token}");
        await app.DeliveriesUntil(1, d => d.State == DeliveryState.Failed, "the delivery to fail");

        var paused = await api.GetJson($"/api/affiliates/{s.AffiliateId}/postbacks/{template["id"]}");
        Assert.Equal("paused", (string?)paused["state"]);
        Assert.Contains("410", (string?)paused["paused_reason"]);
        await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=2&token={s.Token}");
        await app.DeliveriesUntil(2, d => d.State is DeliveryState.Failed or DeliveryState.Paused, "the second delivery to wait");
        await Task.Delay(300, Ct);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task TenConsecutiveFailuresPauseTheTemplateAndItsDeliveriesResumeWhenItIsResumed()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Respond = (_, _) => (503, "down");
        await using var app = new TrackingApp().FastRetries();
        var s = await app.OfferAsync();
        var api = app.Api();
        var template = await api.TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={conversion_id}") });
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await client.PostbackAsync($"click_id={clickId}&goal=install&token={s.Token}");

        var delivery = (await app.DeliveriesUntil(1, d => d.State == DeliveryState.Paused, "the delivery to be paused")).Single();
        Assert.Equal(10, delivery.AttemptCount);
        var url = $"/api/affiliates/{s.AffiliateId}/postbacks/{template["id"]}";
        var paused = await api.GetJson(url);
        Assert.Equal("paused", (string?)paused["state"]);
        Assert.Contains("10 consecutive failed attempts", (string?)paused["paused_reason"]);
        await Task.Delay(300, Ct);
        Assert.Equal(10, receiver.Requests.Count);

        receiver.Respond = (_, _) => (200, "ok");
        var resumed = await (await api.PatchJson(url, new { state = "active" })).Json(HttpStatusCode.OK);
        Assert.Equal("active", (string?)resumed["state"]);
        Assert.Equal(0, (int)resumed["consecutive_failures"]!);
        await app.DeliveriesUntil(1, d => d.State == DeliveryState.Succeeded, "the resumed delivery to succeed");
        Assert.Equal(11, receiver.Requests.Count);
    }

    [Fact]
    public async Task ReplaySendsTheDeliveryAgainWithTheSameIdempotencyKey()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = new TrackingApp().FastRetries();
        var s = await app.OfferAsync();
        var api = app.Api();
        await api.TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={conversion_id}"), method = "POST" });
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await client.PostbackAsync($"click_id={clickId}&goal=install&token={s.Token}");
        var delivery = (await app.DeliveriesUntil(1, d => d.State == DeliveryState.Succeeded, "the delivery to succeed")).Single();

        var replay = await (await api.PostAsync($"/api/deliveries/{delivery.Id}/replay", null, Ct)).Json(HttpStatusCode.Accepted);
        Assert.Equal("pending", (string?)replay["state"]);
        var requests = await receiver.RequestsUntil(2);
        await app.DeliveriesUntil(1, d => d.State == DeliveryState.Succeeded && d.AttemptCount == 2, "the replay to succeed");
        Assert.All(requests, r => Assert.Equal(delivery.Id, r.Header("Idempotency-Key")));
        Assert.All(requests, r => Assert.Equal("POST", r.Method));
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Contains($"\"conversion_id\":\"{delivery.ConversionId}\"", requests[0].Body);
        await (await api.PostAsync("/api/deliveries/nope/replay", null, Ct)).AssertProblem(HttpStatusCode.NotFound, "not_found");
    }
}
