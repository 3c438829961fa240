using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tracking.Domain.UseCases.ReceiveConversion;

/// <summary>What a signed postback brings: the signature header and the parts of the request it signs.</summary>
public sealed record SignedRequest(string? Header, string Method, string Path, string? Query, ReadOnlyMemory<byte> Body);

/// <summary>
/// Issue 12.1: the signature of an inbound postback, header <c>X-Tracking-Signature: t={unix seconds},v1={hex}</c>, where hex
/// is HMAC-SHA256, keyed with the UTF-8 bytes of the advertiser's signing secret, of the canonical request
/// <c>"{t}\n{METHOD}\n{path}\n{sorted query}\n"</c> followed by the body's bytes (docs/integration/advertisers.md).
/// </summary>
public static class PostbackSignature
{
    public const string Header = "X-Tracking-Signature";
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);

    /// <summary>A valid signature (its timestamp and the <c>v1</c> that matched), or why it is not.</summary>
    public readonly record struct Check(bool Valid, string Detail, long Timestamp = 0, string? Signature = null);

    public static Check Verify(SignedRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(request.Header)) return Invalid($"the {Header} header is required");
        var parts = request.Header.Split(',', StringSplitOptions.TrimEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToList();
        var given = parts.Where(p => p[0] == "v1").Select(p => p[1]).ToList();
        if (!long.TryParse(parts.FirstOrDefault(p => p[0] == "t")?[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t) || given.Count == 0)
            return Invalid($"the {Header} header must be t=<unix seconds>,v1=<hex HMAC-SHA256>");
        var skew = now.ToUnixTimeSeconds() - t;
        if (Math.Abs(skew) > Tolerance.TotalSeconds)
            return Invalid($"the signature's timestamp is {Math.Abs(skew)} s {(skew > 0 ? "old" : "ahead")}; at most {Tolerance.TotalSeconds:0} s are accepted (sign each request when it is sent)");
        if (secrets.Count == 0) return Invalid("the advertiser has no signing secret yet");
        try
        {
            return Match(request, secrets, given, t);
        }
        catch (UriFormatException)
        {
            return Invalid("the query cannot be read as UTF-8 text");
        }
    }

    private static Check Match(SignedRequest request, IReadOnlyList<string> secrets, List<string> given, long t)
    {
        foreach (var secret in secrets)
        {
            var expected = Compute(secret, t, request);
            foreach (var v1 in given)
                if (v1.Length == expected.Length && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(v1.ToLowerInvariant()), Encoding.ASCII.GetBytes(expected)))
                    return new Check(true, "", t, expected);
        }
        return Invalid("the signature does not match the request (method, path, sorted query and body) under the advertiser's signing secret");
    }

    /// <summary>The lower-case hex HMAC of the canonical request.</summary>
    public static string Compute(string secret, long timestamp, SignedRequest request)
    {
        var head = Encoding.UTF8.GetBytes(string.Join('\n',
            timestamp.ToString(CultureInfo.InvariantCulture), request.Method.ToUpperInvariant(), request.Path, CanonicalQuery(request.Query)) + "\n");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(head);
        hmac.AppendData(request.Body.Span);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>
    /// The query's pairs decoded (<c>+</c> is a space), encoded again as RFC 3986 (<c>%20</c>, upper-case hex, unreserved
    /// characters as they are), sorted by name then value (ordinal) and joined with <c>&amp;</c>; a name without <c>=</c> has an empty value.
    /// </summary>
    public static string CanonicalQuery(string? query)
    {
        if (string.IsNullOrEmpty(query)) return "";
        var pairs = new List<(string Name, string Value)>();
        foreach (var segment in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = segment.IndexOf('=');
            var (name, value) = eq < 0 ? (segment, "") : (segment[..eq], segment[(eq + 1)..]);
            pairs.Add((Encode(name), Encode(value)));
        }
        pairs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name) is var c && c != 0 ? c : string.CompareOrdinal(a.Value, b.Value));
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    private static string Encode(string raw) => Uri.EscapeDataString(Uri.UnescapeDataString(raw.Replace('+', ' ')));

    private static Check Invalid(string detail) => new(false, detail);
}
