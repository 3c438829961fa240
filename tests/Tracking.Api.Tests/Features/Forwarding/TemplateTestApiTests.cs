using System.Net;
using System.Text.Json.Nodes;
using Tracking.Domain.Forwarding;

namespace Tracking.Api.Tests.Features.Forwarding;

/// <summary>Issue 10: <c>POST /api/affiliates/{id}/postbacks/{template}/test</c> sends one sample delivery and stores nothing.</summary>
public sealed class TemplateTestApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASignedPostTestReachesThePartnerFilledSignedAndKeyedAndLeavesNoDelivery()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Respond = (_, _) => (200, "<b>thanks</b>");
        await using var app = new TrackingApp();
        var api = app.Api();
        var affiliate = await (await api.PostJson("/api/affiliates", new { name = "Tested" })).Json(HttpStatusCode.Created);
        var (id, secret) = (affiliate.Id(), affiliate.Str("signing_secret"));
        var template = await api.TemplateAsync(id, new { url = receiver.Url("/pb?c={conversion_id}&s={status}&p={payout}"), method = "POST", sign = true });

        var result = await TestAsync(api, id, template.Id());

        var received = Assert.Single(receiver.Requests);
        Assert.Equal("POST", received.Method);
        var conversionId = received.Query("c")!;
        Assert.StartsWith("test-", conversionId);
        Assert.Equal("approved", received.Query("s"));
        var body = JsonNode.Parse(received.Body)!;
        Assert.Equal(conversionId, body.Str("conversion_id"));
        Assert.Equal(id.ToString(), body.Str("aff_id"));
        Assert.Equal(ForwardingMacros.Names.Order(), body.AsObject().Select(p => p.Key).Order());
        Assert.True(DeliverySignature.Verify(received.Header("X-Signature")!, secret, received.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
            received.Header("X-Signature"));
        var key = received.Header("Idempotency-Key");
        Assert.False(string.IsNullOrEmpty(key));
        Assert.NotEqual(conversionId, key);
        Assert.Equal(key, result.Str("idempotency_key"));
        Assert.Equal(200, (int)result["status_code"]!);
        Assert.Equal("<b>thanks</b>", result.Str("response"));
        Assert.True((int)result["latency_ms"]! >= 0);
        Assert.True((bool)result["signed"]!);
        Assert.Null(result["error"]);

        await TestAsync(api, id, template.Id());
        Assert.NotEqual(key, receiver.Requests[1].Header("Idempotency-Key"));
        Assert.Empty((await api.GetJson("/api/deliveries")).Items());
        Assert.Empty(await app.Deliveries());
    }

    [Fact]
    public async Task AFailingPartnerNeitherCountsNorPausesTheTemplateAndADeadPortIsAnErrorNotOurs()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Respond = (_, _) => (500, "down for maintenance");
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var api = app.Api();
        var template = await api.TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={conversion_id}") });

        for (var i = 0; i < 11; i++)
        {
            var failed = await TestAsync(api, s.AffiliateId, template.Id());
            Assert.Equal(500, (int)failed["status_code"]!);
            Assert.Equal("down for maintenance", failed.Str("response"));
        }
        Assert.Equal(11, receiver.Requests.Count);
        Assert.Equal("GET", receiver.Requests[0].Method);
        Assert.Null(receiver.Requests[0].Header("X-Signature"));
        var after = await api.GetJson($"/api/affiliates/{s.AffiliateId}/postbacks/{template.Id()}");
        Assert.Equal("active", after.Str("state"));
        Assert.Equal(0, (int)after["consecutive_failures"]!);
        Assert.Empty(await app.Deliveries());

        var dead = await api.TemplateAsync(s.AffiliateId, new { url = $"http://127.0.0.1:{Receiver.FreePort()}/pb" });
        var error = await TestAsync(api, s.AffiliateId, dead.Id());
        Assert.Null(error["status_code"]);
        Assert.StartsWith("network:", error.Str("error"));
    }

    [Fact]
    public async Task AnotherAffiliatesTemplateIs404AndAnUnknownOneToo()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var other = await app.OfferAsync();
        var api = app.Api();
        var template = await api.TemplateAsync(s.AffiliateId, new { url = "https://partner.example/pb", state = "paused" });
        await (await api.PostAsync($"/api/affiliates/{other.AffiliateId}/postbacks/{template.Id()}/test", null, Ct))
            .AssertProblem(HttpStatusCode.NotFound, "not_found");
        await (await api.PostAsync($"/api/affiliates/{s.AffiliateId}/postbacks/999/test", null, Ct)).AssertProblem(HttpStatusCode.NotFound, "not_found");
    }

    private static async Task<JsonNode> TestAsync(HttpClient api, int affiliateId, int templateId) =>
        await (await api.PostAsync($"/api/affiliates/{affiliateId}/postbacks/{templateId}/test", null, Ct)).Json(HttpStatusCode.OK);
}
