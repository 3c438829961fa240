using System.Net;

namespace Tracking.Domain.Catalog;

/// <summary>
/// Issue 12.1: the addresses an advertiser's postbacks may come from, as CIDR ranges of IPv4 and IPv6 (a single address
/// is its own /32 or /128). Empty: any address.
/// </summary>
public static class IpAllowlist
{
    public const int MaxEntries = 100;
    public const string Invalid = "invalid_allowed_ips";

    /// <summary>The entries in canonical form (<c>203.0.113.0/24</c>, <c>2001:db8::/32</c>), or a refusal naming the bad one.</summary>
    public static List<string> Normalize(IEnumerable<string?> entries)
    {
        var list = new List<string>();
        foreach (var entry in entries)
        {
            var network = ParseEntry(entry);
            var text = network.ToString();
            if (!list.Contains(text)) list.Add(text);
        }
        if (list.Count > MaxEntries) throw new DomainException(Invalid, $"At most {MaxEntries} entries in allowed_ips.");
        return list;
    }

    /// <summary>
    /// One entry as a network, by the same rules as <see cref="Normalize"/>: also what <c>Tracking:TrustedProxies</c> accepts.
    /// </summary>
    public static bool TryParse(string? entry, out IPNetwork network)
    {
        try
        {
            network = ParseEntry(entry);
            return true;
        }
        catch (DomainException)
        {
            network = default;
            return false;
        }
    }

    /// <summary>The stored entries as networks; an entry that no longer parses is skipped (it was validated when stored).</summary>
    public static IReadOnlyList<IPNetwork> Networks(IEnumerable<string> stored) =>
        stored.Select(s => IPNetwork.TryParse(s, out var n) ? n : (IPNetwork?)null).OfType<IPNetwork>().ToArray();

    /// <summary>Whether <paramref name="address"/> is in one of the networks; an empty list allows every address.</summary>
    public static bool Allows(IReadOnlyList<IPNetwork> networks, IPAddress? address)
    {
        if (networks.Count == 0) return true;
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var network in networks)
            if (network.Contains(address)) return true;
        return false;
    }

    private static IPNetwork ParseEntry(string? entry)
    {
        var text = entry?.Trim() ?? "";
        if (text.Length == 0) throw new DomainException(Invalid, "An entry of allowed_ips is empty.");
        var slash = text.IndexOf('/');
        var addressPart = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressPart, out var address) || addressPart.Contains('%'))
            throw new DomainException(Invalid, $"'{text}' is not an IPv4 or IPv6 address or CIDR range (e.g. 203.0.113.0/24, 2001:db8::/32).");
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var max = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, null, out prefix) || prefix > max))
            throw new DomainException(Invalid, $"'{text}' has a prefix length that is not a number from 0 to {max}.");
        // A range written with bits after its prefix is most likely a typo in the prefix: refused rather than widened.
        var masked = Masked(address, prefix);
        if (!masked.Equals(address))
            throw new DomainException(Invalid, $"'{text}' has bits set after its prefix length: write {masked}/{prefix}, or the address with a longer prefix.");
        return new IPNetwork(masked, prefix);
    }

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }
}
