using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tracking.Domain.Forwarding;

/// <summary>
/// The optional signature of an outbound postback: header <c>X-Signature: t={unix seconds},v1={hex}</c>, where hex is
/// HMAC-SHA256, keyed with the UTF-8 bytes of the affiliate's secret, of <c>"{t}.{payload}"</c>; the payload is the JSON
/// body of a POST, or the full URL of a GET. While a rotated secret is in its grace period a second <c>v1=</c> is made with it.
/// </summary>
public static class DeliverySignature
{
    public const string Header = "X-Signature";

    public static string Compute(string secret, long timestamp, string payload)
    {
        var message = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + payload);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    public static string HeaderValue(long timestamp, string payload, IEnumerable<string> secrets) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)}," + string.Join(",", secrets.Select(s => "v1=" + Compute(s, timestamp, payload)));

    /// <summary>What a partner does: any <c>v1</c> matches and <c>t</c> is within <paramref name="tolerance"/> of now.</summary>
    public static bool Verify(string header, string secret, string payload, DateTimeOffset now, TimeSpan tolerance)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToList();
        var t = parts.FirstOrDefault(p => p[0] == "t")?[1];
        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > tolerance) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, payload));
        return parts.Where(p => p[0] == "v1").Any(p => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(p[1]), expected));
    }
}
