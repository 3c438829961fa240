using System.Net;
using System.Text;
using Tracking.Api.Tests.Features.Reconciliation;
using Tracking.Domain.Common;

namespace Tracking.Api.Tests.Ingress;

/// <summary>
/// Issue 12.3: Kestrel's limits as set in <c>RequestLimits</c> (<c>Tracking:Requests</c>), over real sockets: header count and
/// size, body size (and the reconciliation upload's own), a slowloris crowd that cannot keep others from being answered and is cut
/// off after the header timeout, a trickling body cut off by the minimum data rate, and the connection cap.
/// </summary>
public sealed class RequestLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TooManyHeadersOrTooLargeHeadersAre431()
    {
        await using var app = new TrackingApp();
        var client = app.Public();
        using var many = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        for (var i = 0; i < 100; i++) many.Headers.Add($"X-H{i}", "1");
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await client.SendAsync(many, Ct)).StatusCode);
        using var large = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        large.Headers.Add("Cookie", "a=" + new string('c', 33 * 1024));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await client.SendAsync(large, Ct)).StatusCode);
        using var fine = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        for (var i = 0; i < 90; i++) fine.Headers.Add($"X-H{i}", "1");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(fine, Ct)).StatusCode);
    }

    [Fact]
    public async Task ABodyOverTheLimitIs413WithItsReasonButTheReconciliationUploadHasItsOwn()
    {
        await using var app = new TrackingApp().With("Tracking:Requests:MaxBodySize", "65536");
        var s = await app.OfferAsync();
        var api = app.Api();
        var json = $$"""{"name":"{{new string('n', 70_000)}}"}""";
        await (await api.PostRaw("/api/advertisers", json)).AssertProblem(HttpStatusCode.RequestEntityTooLarge, Reasons.BodyTooLarge);

        var csv = new StringBuilder("order_id,amount\n");
        for (var i = 0; csv.Length < 200_000; i++) csv.Append($"ORDER-{i},10.00\n");
        var answer = await api.PostExportAsync(s.OfferId, csv.ToString(), "from=2020-01-01&to=2030-01-01");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task ASlowlorisCrowdDoesNotStopOthersBeingAnsweredAndIsCutOffAfterTheHeaderTimeout()
    {
        await using var app = new TrackingApp().With("Tracking:Requests:RequestHeadersTimeout", "00:00:02");
        var client = app.Public();
        var slow = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => RawConnection.OpenAsync(app, Ct)));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(TimeSpan.FromMinutes(2));
        // Each sends a request line, then a header a byte every 200 ms: a minute of headers if nobody stopped it.
        var dribbles = slow.Select(c => DribbleThenReadAsync(c, stop.Token)).ToArray();

        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
        var cut = await Task.WhenAll(dribbles);
        Assert.All(cut, c => Assert.True(c.ClosedEarly, "the server closed the connection before its headers were sent"));
        Assert.Contains(cut, c => c.Answer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal));
        foreach (var c in slow) await c.DisposeAsync();
    }

    [Fact]
    public async Task ABodyTricklingBelowTheMinimumRateIsCutOff()
    {
        await using var app = new TrackingApp().With("Tracking:Requests:MinBodyRateGrace", "00:00:01.500");
        await using var connection = await RawConnection.OpenAsync(app, Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(TimeSpan.FromMinutes(2));
        await connection.SendAsync("POST /postback HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n", Ct);
        var read = connection.ReadToCloseAsync(stop.Token);
        // 1000 bytes at 5 bytes/s would take 200 s: far below 240 bytes/s.
        var closedEarly = await connection.DribbleAsync(new string(' ', 1000), TimeSpan.FromMilliseconds(200), stop.Token);
        Assert.True(closedEarly, "the server closed the connection before the body was sent");
        Assert.StartsWith("HTTP/1.1 408", await read, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionsOverTheCapAreClosedUntilOneIsFree()
    {
        await using var app = new TrackingApp().With("Tracking:Requests:MaxConnections", "3");
        var held = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RawConnection.OpenAsync(app, Ct)));
        // Each answered once and kept alive, so all three are surely counted before the fourth comes.
        foreach (var c in held)
        {
            await c.SendAsync("GET /health/live HTTP/1.1\r\nHost: t\r\n\r\n", Ct);
            Assert.StartsWith("HTTP/1.1 200", await c.ReadSomeAsync(Ct), StringComparison.Ordinal);
        }
        await using (var over = await RawConnection.OpenAsync(app, Ct))
        {
            await over.SendAsync("GET /health/live HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", Ct);
            Assert.Equal("", await over.ReadToCloseAsync(Ct));
        }
        await held[0].DisposeAsync();
        await Eventually.Until(() => Answer(app), status => status == HttpStatusCode.OK, what: "a request once a connection is free");
        foreach (var c in held) await c.DisposeAsync();
    }

    private static async Task<HttpStatusCode?> Answer(TrackingApp app)
    {
        try
        {
            using var client = app.Public();
            return (await client.GetAsync("/health/live", Ct)).StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<(bool ClosedEarly, string Answer)> DribbleThenReadAsync(RawConnection connection, CancellationToken ct)
    {
        await connection.SendAsync("GET /health/live HTTP/1.1\r\nHost: t\r\n", ct);
        var read = connection.ReadToCloseAsync(ct);
        var closedEarly = await connection.DribbleAsync("X-Slow: " + new string('s', 300) + "\r\n\r\n", TimeSpan.FromMilliseconds(200), ct);
        return (closedEarly, await read);
    }
}
