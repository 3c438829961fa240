using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Forwarding;

/// <summary>A partner's server answering 200 after a fixed delay; counts requests and the TCP connections open at once.</summary>
public sealed class Receiver(string name, TimeSpan delay)
{
    private int _open;
    private int _requests;
    public string Name { get; } = name;
    public int Port { get; private set; }
    public int Requests => Volatile.Read(ref _requests);
    public int MaxOpen { get; private set; }

    public async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Use(next => async context => await CountAsync(next, context))));
        var app = builder.Build();
        app.Run(async http =>
        {
            await Task.Delay(delay);
            Interlocked.Increment(ref _requests);
            await http.Response.WriteAsync("ok");
        });
        await app.StartAsync();
        Port = new Uri(app.Urls.First()).Port;
        return app;
    }

    public void ResetMaxOpen() => MaxOpen = Volatile.Read(ref _open);

    private async Task CountAsync(ConnectionDelegate next, ConnectionContext context)
    {
        var open = Interlocked.Increment(ref _open);
        lock (this) MaxOpen = Math.Max(MaxOpen, open);
        try
        {
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
