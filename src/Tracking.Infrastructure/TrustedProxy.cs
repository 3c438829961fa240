using System.Net;

namespace Tracking.Infrastructure;

/// <summary>One entry of <c>Tracking:TrustedProxies</c>: an address (its own /32 or /128) or a CIDR range.</summary>
public static class TrustedProxy
{
    public static bool TryParse(string? entry, out IPNetwork network)
    {
        network = default;
        var text = entry?.Trim() ?? "";
        if (IPAddress.TryParse(text, out var address) && !text.Contains('/'))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return IPNetwork.TryParse(text, out network);
    }
}
