using System.Net;
using System.Net.Sockets;
using Tracking.Infrastructure.Operations;

namespace Tracking.Worker;

/// <summary>
/// Where the standalone worker serves health and metrics when nothing is configured: <c>http://localhost:5100</c>, or, when
/// that port is taken (a second worker started the same way on this host), a free loopback port, logged at start. A
/// configured address (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>) is used as it is, and a
/// taken one still fails the start: somebody chose it.
/// </summary>
internal sealed record HealthAddress(string Urls, bool DefaultTaken)
{
    public const int DefaultPort = 5100;

    /// <summary>Null when the configuration says where to listen.</summary>
    public static HealthAddress? Choose(IConfiguration configuration)
    {
        if (OperationsExtensions.ListensWhereConfigured(configuration)) return null;
        return IsFree(DefaultPort) ? new HealthAddress($"http://localhost:{DefaultPort}", false) : new HealthAddress("http://127.0.0.1:0", true);
    }

    public string Describe(IEnumerable<string> listening)
    {
        var where = string.Join(", ", listening);
        return DefaultTaken
            ? $"Health and metrics on {where}: port {DefaultPort} was taken (another worker on this host?); set --urls or ASPNETCORE_URLS to choose one."
            : $"Health and metrics on {where}.";
    }

    /// <summary>
    /// Whether both loopback addresses of <c>localhost</c> can bind the port now. Another process may still take it before
    /// Kestrel binds; then the start fails as it did before, and a restart takes a free port.
    /// </summary>
    private static bool IsFree(int port)
    {
        foreach (var address in Socket.OSSupportsIPv6 ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : new[] { IPAddress.Loopback })
        {
            try
            {
                var listener = new TcpListener(address, port);
                listener.Start();
                listener.Stop();
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                return false;
            }
            catch (SocketException)
            {
                // This address family is not usable here (no IPv6 loopback): Kestrel skips it too.
            }
        }
        return true;
    }
}
