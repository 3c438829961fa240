using System.Net;
using System.Text;
using Tracking.Domain.Common;
using Tracking.Domain.UseCases.ReceiveConversion;
using TrackingSamples;

namespace Tracking.Api.Tests.Ingress.Signing;

/// <summary>Issue 12.1: HMAC-SHA256 signatures of inbound postbacks, over real HTTP.</summary>
public sealed class PostbackSignatureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASignedPostbackPassesAndTheSameRequestSentAgainIsRefusedAsAReplay()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var secret = (await app.SetChecksAsync(s, new { require_signature = true })).Str("signing_secret");
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);

        var unsigned = await (await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=U1&token={s.Token}")).ProblemAsync();
        Assert.Equal((HttpStatusCode.Unauthorized, Reasons.SignatureInvalid), (unsigned.Status, unsigned.Reason));
        Assert.Contains("X-Tracking-Signature header is required", unsigned.Detail);

        var query = PostbackSigner.CanonicalQuery(new() { ["click_id"] = clickId, ["goal"] = "purchase", ["order_id"] = "S1", ["token"] = s.Token });
        var header = new PostbackSigner("", secret).Sign("GET", "/postback", query, []);
        Assert.Equal(HttpStatusCode.OK, (await client.RawPostbackAsync(query, header)).StatusCode);
        var replay = await (await client.RawPostbackAsync(query, header)).ProblemAsync();
        Assert.Equal((HttpStatusCode.Unauthorized, Reasons.SignatureInvalid), (replay.Status, replay.Reason));
        Assert.Contains("replay", replay.Detail);
        await app.AllStored();
        var hit = await app.Api().GetJson($"/api/hits/{replay.HitId}");
        Assert.Equal(Reasons.SignatureInvalid, hit.Str("outcome"));
    }

    [Fact]
    public async Task AChangedValueAnOldTimestampOrAnotherSecretIsRefused()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var secret = (await app.SetChecksAsync(s, new { require_signature = true })).Str("signing_secret");
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        var query = $"amount=10&click_id={clickId}&goal=purchase&order_id=T1&token={s.Token}";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string Header(string key, long t, string q) =>
            $"t={t},v1={PostbackSignature.Compute(key, t, new SignedRequest(null, "GET", "/postback", q, ReadOnlyMemory<byte>.Empty))}";

        var tampered = await (await client.RawPostbackAsync(query.Replace("amount=10", "amount=1000"), Header(secret, now, query))).ProblemAsync();
        Assert.Contains("does not match", tampered.Detail);
        var old = await (await client.RawPostbackAsync(query, Header(secret, now - 301, query))).ProblemAsync();
        Assert.Contains(" s old; at most 300 s are accepted", old.Detail);
        var other = await (await client.RawPostbackAsync(query, Header(new string('0', 64), now, query))).ProblemAsync();
        var garbled = await (await client.RawPostbackAsync(query, "v1=abc")).ProblemAsync();
        Assert.Contains("t=<unix seconds>", garbled.Detail);
        Assert.All([tampered, old, other, garbled], p => Assert.Equal((HttpStatusCode.Unauthorized, Reasons.SignatureInvalid), (p.Status, p.Reason)));

        // The query's order and encoding do not matter: the server signs its canonical form.
        var reordered = $"token={s.Token}&order_id=T1&goal=purchase&click_id={clickId}&amount=10";
        Assert.Equal(HttpStatusCode.OK, (await client.RawPostbackAsync(reordered, Header(secret, now, query))).StatusCode);
    }

    [Fact]
    public async Task DuringARotationPostbacksSignedWithEitherSecretPass()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var first = (await app.SetChecksAsync(s, new { require_signature = true })).Str("signing_secret");
        var rotated = await app.SetChecksAsync(s, new { rotate_signing_secret = true });
        var second = rotated.Str("signing_secret");
        Assert.NotEqual(first, second);
        Assert.InRange(DateTime.Parse(rotated.Str("previous_secret_valid_until"), null, System.Globalization.DateTimeStyles.RoundtripKind),
            DateTime.UtcNow.AddHours(23), DateTime.UtcNow.AddHours(25));
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);

        Assert.Equal(HttpStatusCode.OK, (await client.SignedPostbackAsync(first, clickId, "R1", s.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SignedPostbackAsync(second, clickId, "R2", s.Token)).StatusCode);
    }

    [Fact]
    public async Task ASignedJsonPostbackSignsItsBodyAndASignatureAloneCanStandForTheToken()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var secret = (await app.SetChecksAsync(s, new { require_signature = true, require_token = false })).Str("signing_secret");
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        var json = $$"""{"click_id":"{{clickId}}","goal":"purchase","amount":"5","order_id":"J1"}""";
        var signer = new PostbackSigner(client.BaseAddress!.ToString().TrimEnd('/'), secret);

        Assert.Equal(HttpStatusCode.OK, (await signer.SendJsonAsync(client, json)).StatusCode);
        var header = signer.Sign("POST", "/postback", "", Encoding.UTF8.GetBytes(json));
        var altered = new HttpRequestMessage(HttpMethod.Post, "/postback") { Content = new StringContent(json.Replace("\"5\"", "\"500\""), Encoding.UTF8, "application/json") };
        altered.Headers.Add("X-Tracking-Signature", header);
        var refused = await (await client.SendAsync(altered, Ct)).ProblemAsync();
        Assert.Equal((HttpStatusCode.Unauthorized, Reasons.SignatureInvalid), (refused.Status, refused.Reason));
    }
}
