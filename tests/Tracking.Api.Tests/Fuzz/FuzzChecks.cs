using Tracking.Api.Ingress;

namespace Tracking.Api.Tests.Fuzz;

/// <summary>What every answer must be: no 5xx, well-formed header lines and no injected one, no redirect off its host, pixels as pixels.</summary>
public static class FuzzChecks
{
    /// <summary>Kestrel's own refusals of a request it cannot read; a pixel URL that is not HTTP cannot be a pixel.</summary>
    private static readonly int[] KestrelRefusals = [400, 414, 431];

    public static IEnumerable<string> Violations(FuzzRequest r, RawResponse? response, Exception? error, string landingHost)
    {
        if (response is null)
        {
            if (r.WellFormed) yield return $"no answer: {error?.GetType().Name}: {error?.Message}";
            yield break;
        }
        if (response.Status >= 500) yield return $"answered {response.Status}: {RawHttp.Show(response.Body, 300)}";
        foreach (var line in response.HeaderLines)
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || line.Contains('\r') || line.Contains('\n') || !line[..colon].All(IsTokenChar))
                yield return $"malformed response header line: {line}";
            else if (line[..colon].Equals(Nasty.InjectedHeader, StringComparison.OrdinalIgnoreCase))
                yield return $"injected response header: {line}";
        }
        if (response.Status is >= 300 and < 400 && Redirect(r, response, landingHost) is { } problem) yield return problem;
        var refused = !r.WellFormed && KestrelRefusals.Contains(response.Status);
        if (r.Expect == Expect.Gif && !refused && !IsGif(response))
            yield return $"image pixel answered {response.Status} {response.Header("Content-Type")} ({response.Body.Length} bytes), not the GIF";
        if (r.Expect == Expect.Html && !refused && (response.Status != 200 || response.Header("Content-Type")?.StartsWith("text/html", StringComparison.Ordinal) != true))
            yield return $"iframe pixel answered {response.Status} {response.Header("Content-Type")}, not a page";
    }

    private static bool IsGif(RawResponse response) =>
        response.Status == 200 && response.Header("Content-Type") == "image/gif" && response.Body.AsSpan().SequenceEqual(PixelEndpoints.Gif);

    /// <summary>Where a browser would go: tabs and newlines dropped and backslashes read as slashes (WHATWG URL), resolved on the request.</summary>
    private static string? Redirect(FuzzRequest r, RawResponse response, string landingHost)
    {
        if (response.Header("Location") is not { } location) return r.Expect == Expect.Landing ? "a click redirect without Location" : null;
        var requestHost = r.Host.Length > 0 && Uri.TryCreate($"http://{r.Host}/", UriKind.Absolute, out var h) ? h.IdnHost : "127.0.0.1";
        var cleaned = new string(location.Where(ch => ch is not ('\t' or '\r' or '\n')).ToArray()).Trim().Replace('\\', '/');
        if (!Uri.TryCreate(new Uri($"http://{requestHost}/a/b"), cleaned, out var target))
            return $"redirect to an unreadable Location: {location}";
        var expected = r.Expect == Expect.Landing ? landingHost : requestHost;
        if (target.Scheme is not ("http" or "https") || !target.IdnHost.Equals(expected, StringComparison.OrdinalIgnoreCase))
            return $"redirect off {expected}: Location: {location}";
        return null;
    }

    private static bool IsTokenChar(char ch) => char.IsAsciiLetterOrDigit(ch) || "!#$%&'*+-.^_`|~".Contains(ch);
}
