using System.Net.Sockets;
using System.Text;

namespace Tracking.Api.Tests.Ingress;

/// <summary>A raw TCP connection to the app, to send a request as slowly or as oddly as a hostile client would.</summary>
public sealed class RawConnection : IAsyncDisposable
{
    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    public static async Task<RawConnection> OpenAsync(TrackingApp app, CancellationToken ct)
    {
        var connection = new RawConnection();
        var address = app.Public().BaseAddress!;
        await connection._socket.ConnectAsync(address.Host, address.Port, ct);
        return connection;
    }

    public Task SendAsync(string text, CancellationToken ct) => _socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, ct).AsTask();

    /// <summary>
    /// Sends <paramref name="text"/> a byte at a time every <paramref name="pause"/> until it is sent or the server closes the
    /// connection; true when the server closed it first.
    /// </summary>
    public async Task<bool> DribbleAsync(string text, TimeSpan pause, CancellationToken ct)
    {
        foreach (var b in Encoding.ASCII.GetBytes(text))
        {
            try
            {
                await _socket.SendAsync(new[] { b }, SocketFlags.None, ct);
            }
            catch (SocketException)
            {
                return true;
            }
            await Task.Delay(pause, ct);
        }
        return false;
    }

    /// <summary>What the server has sent so far (at least a byte), e.g. the start of an answer on a connection kept alive.</summary>
    public async Task<string> ReadSomeAsync(CancellationToken ct)
    {
        var buffer = new byte[4096];
        var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, ct);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }

    /// <summary>Everything the server sends until it closes the connection (or resets it).</summary>
    public async Task<string> ReadToCloseAsync(CancellationToken ct)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await _socket.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0) received.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        catch (SocketException)
        {
            // A reset is a close too.
        }
        return received.ToString();
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
