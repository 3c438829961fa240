using System.Collections.Concurrent;
using System.Net;

namespace Chaos;

/// <summary>How the affiliate partner's server behaves.</summary>
public enum PartnerMode { Up, Down, Slow, Flaky, Gone }

/// <summary>
/// The affiliate partner: a Kestrel listener on 127.0.0.1 that records, per conversion, every request it answered with a
/// success and the <c>Idempotency-Key</c> it carried. Down stops listening (connections refused); slow answers after 2 s;
/// flaky answers every other request 503; gone answers 410.
/// </summary>
public sealed class Partner : IAsyncDisposable
{
    private WebApplication? _app;
    private int _requests;

    public int Port { get; } = FreePort();
    public PartnerMode Mode { get; private set; } = PartnerMode.Up;
    /// <summary>Conversion id → the <c>Idempotency-Key</c> of each request answered 2xx.</summary>
    public ConcurrentDictionary<string, ConcurrentBag<string>> Accepted { get; } = new();
    /// <summary>When the last success was answered.</summary>
    public DateTime LastSuccess { get; private set; }

    public string Template => $"http://127.0.0.1:{Port}/pb?conversion={{conversion_id}}&order={{order_id}}";

    public async Task SetAsync(PartnerMode mode)
    {
        if (mode == PartnerMode.Down && _app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
        Mode = mode;
        if (mode != PartnerMode.Down && _app is null) _app = await StartAsync();
    }

    private async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.Run(AnswerAsync);
        await app.StartAsync();
        return app;
    }

    private async Task AnswerAsync(HttpContext http)
    {
        var mode = Mode;
        var n = Interlocked.Increment(ref _requests);
        if (mode == PartnerMode.Slow) await Task.Delay(TimeSpan.FromSeconds(2));
        var status = mode switch
        {
            PartnerMode.Gone => 410,
            PartnerMode.Flaky when n % 2 == 0 => 503,
            _ => 200,
        };
        if (status == 200)
        {
            var conversion = http.Request.Query["conversion"].ToString();
            Accepted.GetOrAdd(conversion, _ => []).Add(http.Request.Headers["Idempotency-Key"].ToString());
            LastSuccess = DateTime.UtcNow;
        }
        http.Response.StatusCode = status;
        await http.Response.WriteAsync(status == 200 ? "ok" : "no");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
