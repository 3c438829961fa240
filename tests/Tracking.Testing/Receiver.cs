using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tracking.Testing;

/// <summary>One request as the partner's server saw it.</summary>
/// <remarks><see cref="Connection"/> tells the TCP connections apart.</remarks>
public sealed record Received(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body, string Connection)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());

    /// <summary>A query value of the request, decoded.</summary>
    public string? Query(string name) => QueryHelpers(PathAndQuery).GetValueOrDefault(name);

    private static Dictionary<string, string> QueryHelpers(string pathAndQuery) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + pathAndQuery).Query)
            .ToDictionary(p => p.Key, p => p.Value.ToString());
}

/// <summary>An affiliate partner's server: a real Kestrel listener on 127.0.0.1 that records every request and answers as told.</summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _requests = new();

    private Receiver(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }
    public IReadOnlyList<Received> Requests => _requests.ToArray();
    /// <summary>The answer to the n-th request (1-based): status and body. Default: 200 "ok".</summary>
    public Func<int, Received, (int Status, string Body)> Respond { get; set; } = (_, _) => (200, "ok");
    /// <summary>How long to wait before answering the n-th request (1-based). Default: not at all.</summary>
    public Func<int, TimeSpan> Delay { get; set; } = _ => TimeSpan.Zero;
    /// <summary>Sent as <c>Retry-After</c> (seconds) with every answer that is not a success, when set.</summary>
    public int? RetryAfterSeconds { get; set; }

    public string Url(string pathAndQuery) => $"http://127.0.0.1:{Port}{pathAndQuery}";

    public static async Task<Receiver> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        Receiver? receiver = null;
        app.Run(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var received = new Received(http.Request.Method, http.Request.Path + http.Request.QueryString,
                http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body, http.Connection.Id);
            receiver!._requests.Enqueue(received);
            var n = receiver._requests.Count;
            if (receiver.Delay(n) is { Ticks: > 0 } delay) await Task.Delay(delay);
            var (status, text) = receiver.Respond(n, received);
            http.Response.StatusCode = status;
            if (status >= 300 && receiver.RetryAfterSeconds is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString();
            await http.Response.WriteAsync(text);
        });
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        receiver = new Receiver(app, address.Port);
        return receiver;
    }

    /// <summary>A port nothing listens on (yet): a partner that is down.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
