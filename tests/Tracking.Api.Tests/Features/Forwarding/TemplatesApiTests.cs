using System.Net;
using System.Security.Cryptography;
using System.Text;
using Tracking.Domain.Forwarding;

namespace Tracking.Api.Tests.Features.Forwarding;

/// <summary>SPEC 5 and 7: templates through <c>/api/affiliates/{id}/postbacks</c>, triggers, reversal, signatures.</summary>
public sealed class TemplatesApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BadTemplatesAre400WithAReasonAndUnknownAffiliatesAre404()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var api = app.Api();
        var url = $"/api/affiliates/{s.AffiliateId}/postbacks";
        await (await api.PostJson(url, new { url = "not a url" })).AssertProblem(HttpStatusCode.BadRequest, "invalid_url");
        await (await api.PostJson(url, new { url = "ftp://partner.example/pb" })).AssertProblem(HttpStatusCode.BadRequest, "invalid_url");
        await (await api.PostJson(url, new { url = "https://{sub1}.example/pb" })).AssertProblem(HttpStatusCode.BadRequest, "invalid_url");
        await (await api.PostJson(url, new { })).AssertProblem(HttpStatusCode.BadRequest, "invalid_url");
        await (await api.PostJson(url, new { url = "https://partner.example/pb?x={clickid}" })).AssertProblem(HttpStatusCode.BadRequest, "unknown_macro");
        await (await api.PostJson(url, new { url = "https://partner.example/pb", trigger = "paid" })).AssertProblem(HttpStatusCode.BadRequest, "invalid_trigger");
        await (await api.PostJson(url, new { url = "https://partner.example/pb", method = "PUT" })).AssertProblem(HttpStatusCode.BadRequest, "invalid_http_method");
        await (await api.PostJson(url, new { url = "https://partner.example/pb", offer_id = 999 })).AssertProblem(HttpStatusCode.BadRequest, "unknown_offer");
        await (await api.PostJson(url, new { url = "https://partner.example/pb", offer_id = s.OfferId, goal = "nope" }))
            .AssertProblem(HttpStatusCode.BadRequest, "unknown_goal");
        await (await api.PostJson(url, new { url = "https://partner.example/pb", reversal_url = "https://partner.example/r?{x}" }))
            .AssertProblem(HttpStatusCode.BadRequest, "unknown_macro");
        await (await api.PostJson("/api/affiliates/999/postbacks", new { url = "https://partner.example/pb" })).AssertProblem(HttpStatusCode.NotFound, "not_found");

        var created = await api.TemplateAsync(s.AffiliateId, new { url = "https://partner.example/pb?c={click_id}", offer_id = s.OfferId, goal = "install" });
        Assert.Equal("approved", (string?)created["trigger"]);
        Assert.Equal("get", (string?)created["method"]);
        Assert.Equal("active", (string?)created["state"]);
        Assert.Equal("install", (string?)created["goal"]);
        var list = await api.GetJson(url);
        Assert.Single(list["items"]!.AsArray());
        var patched = await (await api.PatchJson($"{url}/{created["id"]}", new { trigger = "created", method = "post" })).Json(HttpStatusCode.OK);
        Assert.Equal("created", (string?)patched["trigger"]);
        Assert.Equal("post", (string?)patched["method"]);
        await (await api.PatchJson($"{url}/{created["id"]}", new { state = "sleeping" })).AssertProblem(HttpStatusCode.BadRequest, "invalid_state");
        await (await api.GetAsync("/api/deliveries?state=lost", Ct)).AssertProblem(HttpStatusCode.BadRequest, "invalid_state");
    }

    [Fact]
    public async Task CreatedAndApprovedTemplatesFireOnTheirTriggerAndARejectionAfterForwardingCallsTheReversal()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = new TrackingApp().FastRetries();
        var s = await app.OfferAsync(o => o.Configure(null, null, null, null, null, true, null));
        var api = app.Api();
        await api.TemplateAsync(s.AffiliateId, new { url = receiver.Url("/created?s={status}"), trigger = "created" });
        await api.TemplateAsync(s.AffiliateId, new
        {
            url = receiver.Url("/approved?s={status}&c={conversion_id}"),
            offer_id = s.OfferId,
            goal = "install",
            reversal_url = receiver.Url("/reversed?s={status}&c={conversion_id}"),
        });
        await api.TemplateAsync(s.AffiliateId, new { url = receiver.Url("/other-goal"), goal = "purchase", trigger = "created" });
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await client.PostbackAsync($"click_id={clickId}&goal=install&token={s.Token}");

        var pending = await receiver.RequestsUntil(1);
        var conversionId = (await app.Deliveries()).Single().ConversionId;
        Assert.Equal("/created?s=pending", pending.Single().PathAndQuery);
        await (await api.PatchJson($"/api/conversions/{conversionId}", new { status = "approved" })).Json(HttpStatusCode.OK);
        var approved = await receiver.RequestsUntil(2);
        Assert.Equal($"/approved?s=approved&c={conversionId}", approved[1].PathAndQuery);
        await (await api.PatchJson($"/api/conversions/{conversionId}", new { status = "rejected" })).Json(HttpStatusCode.OK);
        var reversed = await receiver.RequestsUntil(3);
        Assert.Equal($"/reversed?s=rejected&c={conversionId}", reversed[2].PathAndQuery);

        await app.DeliveriesUntil(3, d => d.State == DeliveryState.Succeeded, "three deliveries");
        var view = await api.GetJson($"/api/conversions/{conversionId}");
        Assert.Equal(["forward", "forward", "reversal"], view["deliveries"]!.AsArray().Select(d => (string)d!["kind"]!).Order());
        await Task.Delay(300, Ct);
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Fact]
    public async Task SignaturesVerifyWithTheDocumentedAlgorithmAndBothSecretsDuringARotation()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = new TrackingApp().FastRetries();
        var s = await app.OfferAsync();
        var api = app.Api();
        var affiliate = await (await api.PostJson("/api/affiliates", new { name = "Signed" })).Json(HttpStatusCode.Created);
        var secret = (string)affiliate["signing_secret"]!;
        var id = (int)affiliate["id"]!;
        Assert.Null((await api.GetJson($"/api/affiliates/{id}"))["signing_secret"]);
        await api.TemplateAsync(id, new { url = receiver.Url("/get?c={conversion_id}&a={amount}"), sign = true, trigger = "created" });
        await api.TemplateAsync(id, new { url = receiver.Url("/post"), method = "POST", sign = true, trigger = "created" });
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s with { AffiliateId = id });
        await client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=12.5&order_id=S1&token={s.Token}");

        var requests = await receiver.RequestsUntil(2);
        var get = requests.Single(r => r.Method == "GET");
        var post = requests.Single(r => r.Method == "POST");
        Assert.True(Verify(get.Header("X-Signature")!, secret, receiver.Url(get.PathAndQuery)), get.Header("X-Signature"));
        Assert.True(Verify(post.Header("X-Signature")!, secret, post.Body), post.Header("X-Signature"));
        Assert.False(Verify(post.Header("X-Signature")!, secret, post.Body + " "));
        Assert.False(Verify(post.Header("X-Signature")!, "another secret", post.Body));

        var rotated = await (await api.PostAsync($"/api/affiliates/{id}/secret/rotate", null, Ct)).Json(HttpStatusCode.OK);
        var newSecret = (string)rotated["signing_secret"]!;
        Assert.NotEqual(secret, newSecret);
        Assert.NotNull((string?)rotated["previous_secret_valid_until"]);
        await client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=3&order_id=S2&token={s.Token}");
        var later = (await receiver.RequestsUntil(4)).Skip(2).Single(r => r.Method == "POST");
        Assert.True(Verify(later.Header("X-Signature")!, newSecret, later.Body));
        Assert.True(Verify(later.Header("X-Signature")!, secret, later.Body));
    }

    /// <summary>The verification of docs/integration/affiliates.md, word for word, independent of the product's code.</summary>
    private static bool Verify(string header, string secret, string payload) => Verify(header, secret, payload, TimeSpan.FromMinutes(5));

    private static bool Verify(string header, string secret, string payload, TimeSpan tolerance)
    {
        var fields = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToList();
        if (!long.TryParse(fields.FirstOrDefault(f => f[0] == "t")?[1], out var t)) return false;
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t) > tolerance.TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}"))));
        return fields.Where(f => f[0] == "v1")
            .Any(f => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(f[1]), expected));
    }
}
