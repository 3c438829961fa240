using System.Net;
using System.Net.Sockets;

namespace Tracking.Api.Tests.Limits;

/// <summary>Clients of a limited app: from another loopback address (Linux routes all of 127/8 to the app's 127.0.0.1).</summary>
public static class Limited
{
    /// <summary>A client whose connections come from <paramref name="address"/>; with <paramref name="key"/>, an <c>/api</c> client.</summary>
    public static HttpClient From(this TrackingApp app, string address, string? key = null)
    {
        var local = IPAddress.Parse(address);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = app.Public().BaseAddress };
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>The app with the limit <paramref name="name"/> at <paramref name="permits"/> per hour (a test never sees the window turn).</summary>
    public static TrackingApp Limit(this TrackingApp app, string name, int permits) =>
        app.With($"Tracking:RateLimits:{name}:Permits", permits.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With($"Tracking:RateLimits:{name}:Window", "01:00:00")
            .With("Tracking:RateLimits:FlushEvery", "00:00:00.100");

    public static int RetryAfter(this HttpResponseMessage response) =>
        (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
}
