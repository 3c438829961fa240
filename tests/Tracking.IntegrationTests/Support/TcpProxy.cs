using System.Net;
using System.Net.Sockets;

namespace Tracking.IntegrationTests.Support;

/// <summary>
/// A loopback TCP relay in front of a server, so a test can make the server unreachable for one process (refused
/// connections, open ones dropped), or hang (<see cref="Stall"/>), and bring it back, without touching the server that
/// other tests share.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _cts = new();
    /// <summary>Cancelled to stop relaying bytes while the sockets stay open (<see cref="Stall"/>).</summary>
    private CancellationTokenSource _relaying = new();
    private volatile bool _stalled;

    private TcpProxy(IPEndPoint target)
    {
        _target = target;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public static TcpProxy Start(string host, int port)
    {
        var proxy = new TcpProxy(new IPEndPoint(Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork), port));
        proxy.Restore();
        return proxy;
    }

    /// <summary>Refuses new connections and drops the open ones.</summary>
    public void Cut()
    {
        _cts.Cancel();
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    /// <summary>
    /// The server hangs, as behind a dead network path: open connections stay open but relay nothing more, and new ones are
    /// accepted and held without an answer, until <see cref="Restore"/> drops them all.
    /// </summary>
    public void Stall()
    {
        _stalled = true;
        _relaying.Cancel();
    }

    /// <summary>Accepts and relays connections again, on the same port (after a stall, the held connections are dropped).</summary>
    public void Restore()
    {
        if (_stalled) Cut();
        _stalled = false;
        _relaying = new CancellationTokenSource();
        _cts = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _cts.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            if (_stalled)
                lock (_open) _open.Add(inbound);
            else
                _ = RelayAsync(inbound, CancellationTokenSource.CreateLinkedTokenSource(ct, _relaying.Token).Token);
        }
    }

    private async Task RelayAsync(TcpClient inbound, CancellationToken ct)
    {
        // No Nagle: small request/answer exchanges would otherwise wait ~40 ms for delayed acknowledgements.
        inbound.NoDelay = true;
        var outbound = new TcpClient { NoDelay = true };
        lock (_open) _open.AddRange([inbound, outbound]);
        try
        {
            await outbound.ConnectAsync(_target, ct);
            var a = inbound.GetStream().CopyToAsync(outbound.GetStream(), ct);
            var b = outbound.GetStream().CopyToAsync(inbound.GetStream(), ct);
            await Task.WhenAny(a, b);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Either side closed, or the proxy was cut: both sides are closed below.
        }
        finally
        {
            // A stalled proxy holds the sockets (the client sees a hang); a restore or a cut drops them.
            if (!_stalled)
            {
                inbound.Dispose();
                outbound.Dispose();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
