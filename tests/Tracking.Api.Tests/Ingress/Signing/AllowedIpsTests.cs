using System.Net;
using Microsoft.Extensions.Logging;
using Tracking.Domain.Common;

namespace Tracking.Api.Tests.Ingress.Signing;

/// <summary>Issue 12.1: an advertiser's IP allowlist, the client address behind trusted proxies only, and refusals in the debug log.</summary>
public sealed class AllowedIpsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAddressOutsideTheAllowlistIsRefused403AndEveryRefusalIsLoggedWithItsReason()
    {
        var logs = new CapturedLogs();
        await using var app = new TrackingApp().WithLogger(logs).With("Logging:LogLevel:Tracking.Api.Ingress", "Debug");
        var s = await app.OfferAsync();
        await app.SetChecksAsync(s, new { allowed_ips = new[] { "10.0.0.0/8", "2001:db8::/32" } });
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);

        var refused = await (await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=A1&token={s.Token}")).ProblemAsync();
        Assert.Equal((HttpStatusCode.Forbidden, Reasons.IpNotAllowed), (refused.Status, refused.Reason));
        Assert.Contains("127.0.0.1 is not in the advertiser's allowed_ips", refused.Detail);
        await app.AllStored();
        Assert.Equal(Reasons.IpNotAllowed, (await app.Api().GetJson($"/api/hits/{refused.HitId}")).Str("outcome"));
        var wrongToken = await (await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=A1&token=nope")).ProblemAsync();

        await app.SetChecksAsync(s, new { allowed_ips = new[] { "127.0.0.1", "2001:db8::/32" } });
        Assert.Equal(HttpStatusCode.OK, (await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=A1&token={s.Token}")).StatusCode);
        var tokenRefused = await (await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=A2&token=nope")).ProblemAsync();
        Assert.Equal((HttpStatusCode.Forbidden, Reasons.TokenInvalid), (tokenRefused.Status, tokenRefused.Reason));

        var debug = logs.Lines.Where(l => l.Level == LogLevel.Debug && l.Category == "Tracking.Api.Ingress.PostbackEndpoints").Select(l => l.Message).ToList();
        Assert.Contains(debug, m => m.Contains($"Postback {refused.HitId} refused: ip_not_allowed from 127.0.0.1"));
        Assert.Contains(debug, m => m.Contains($"Postback {wrongToken.HitId} refused: ip_not_allowed"));
        Assert.Contains(debug, m => m.Contains($"Postback {tokenRefused.HitId} refused: token_invalid"));
    }

    [Fact]
    public async Task XForwardedForIsIgnoredUnlessTheRequestComesThroughATrustedProxy()
    {
        await using var direct = new TrackingApp();
        var s = await direct.OfferAsync();
        await direct.SetChecksAsync(s, new { allowed_ips = new[] { "2001:db8::/32" } });
        var (clickId, _) = await direct.Public().ClickAsync(s);
        var spoofed = await (await Forwarded(direct.Public(), $"click_id={clickId}&goal=purchase&order_id=F1&token={s.Token}", "2001:db8::7")).ProblemAsync();
        Assert.Equal((HttpStatusCode.Forbidden, Reasons.IpNotAllowed), (spoofed.Status, spoofed.Reason));
        Assert.Contains("127.0.0.1", spoofed.Detail);

        await using var proxied = new TrackingApp().With("Tracking:TrustedProxies:0", "127.0.0.0/8");
        var p = await proxied.OfferAsync();
        await proxied.SetChecksAsync(p, new { allowed_ips = new[] { "2001:db8::/32", "198.51.100.0/24" } });
        var client = proxied.Public();
        var (proxiedClick, _) = await client.ClickAsync(p);
        var query = $"click_id={proxiedClick}&goal=purchase&token={p.Token}&order_id=";
        Assert.Equal(HttpStatusCode.OK, (await Forwarded(client, query + "P1", "2001:db8::7")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Forwarded(client, query + "P2", "198.51.100.20")).StatusCode);
        var outside = await (await Forwarded(client, query + "P3", "203.0.113.9")).ProblemAsync();
        Assert.Equal((HttpStatusCode.Forbidden, "203.0.113.9 is not in the advertiser's allowed_ips"), (outside.Status, outside.Detail));
        // The proxy's own address (no header) is not in the list either.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostbackAsync(query + "P4")).StatusCode);
    }

    private static Task<HttpResponseMessage> Forwarded(HttpClient client, string query, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/postback?" + query);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request, Ct);
    }
}
