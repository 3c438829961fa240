using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Tracking.Api.Tests.Fuzz;

/// <summary>What an answer must be beyond "not 5xx": a GIF (image pixel), a page (iframe pixel), a redirect to the landing host (click).</summary>
public enum Expect { Anything, Gif, Html, Landing }

/// <summary>
/// One generated request as bytes. <see cref="WellFormed"/>: valid HTTP/1.1 within Kestrel's limits, so it reaches the app;
/// otherwise Kestrel itself may refuse it (400, 414, 431), which is fine, but never with a 5xx.
/// </summary>
public sealed record FuzzRequest(int Index, string Label, byte[] Bytes, bool WellFormed, Expect Expect, string Host);

/// <summary>Builds a request for a route: path values, query, headers and body, each valid or nasty, from the given random.</summary>
public static class FuzzRequests
{
    public static readonly string[] Canonical = ["click_id", "goal", "amount", "currency", "order_id", "token", "aff_id", "sub1", "source"];
    private static readonly string[] OtherMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO", "CONNECT", "G ET"];

    public static FuzzRequest Create(int index, FuzzRoute route, Random random, FuzzContext c)
    {
        var raw = random.Next(8) == 0;
        var method = random.Next(14) == 0 ? Nasty.Pick(random, OtherMethods) : route.Method;
        var (path, canonical) = Path(route, random, c);
        var target = new MemoryStream();
        target.Write(Encoding.ASCII.GetBytes(path));
        var query = Query(route, random, c);
        if (query.Count > 0) target.Write(Encoding.ASCII.GetBytes("?" + string.Join("&", query.Select(q => Encode(q.Name, random) + "=" + Encode(q.Value, random)))));
        if (raw) RawTarget(target, random);
        var host = random.Next(30) == 0 ? Nasty.Pick(random, ["evil.example", "localhost", $"127.0.0.1:{c.Port}@evil.example", ""]) : $"127.0.0.1:{c.Port}";
        var headers = Headers(route, method, random, c, raw);
        var body = method is "POST" or "PUT" or "PATCH" || random.Next(25) == 0 ? FuzzBodies.For(route, random, c, FormFields(route, random, c)) : null;
        var bytes = Assemble(method, target.ToArray(), host, headers, body, random);
        var wellFormed = !raw && method == route.Method && host == $"127.0.0.1:{c.Port}" && target.Length <= 16 * 1024
            && headers.Sum(h => h.Length) < 24 * 1024;
        var expect = (route.Label, canonical && method == "GET") switch
        {
            ("GET /p/{offer_id:int}.gif", true) => Expect.Gif,
            ("GET /p/{offer_id:int}.html", true) => Expect.Html,
            ("GET /c/{offer_id:int}", _) => Expect.Landing,
            _ => Expect.Anything,
        };
        return new FuzzRequest(index, route.Label, bytes, wellFormed, expect, host);
    }

    private static (string Path, bool Canonical) Path(FuzzRoute route, Random random, FuzzContext c)
    {
        var sb = new StringBuilder();
        var canonical = true;
        foreach (var segment in route.Pattern.PathSegments)
        {
            sb.Append('/');
            foreach (var part in segment.Parts)
            {
                if (part is RoutePatternLiteralPart literal) sb.Append(literal.Content);
                else if (part is RoutePatternSeparatorPart separator) sb.Append(separator.Content);
                else if (part is RoutePatternParameterPart parameter)
                {
                    var nasty = random.Next(8) == 0;
                    canonical &= !nasty;
                    sb.Append(Uri.EscapeDataString(nasty ? Nasty.Any(random) : ParameterValue(route, parameter, random, c)));
                }
            }
        }
        return (sb.Length == 0 ? "/" : sb.ToString(), canonical);
    }

    /// <summary>Clicks go to the offers whose landing host is known, or to none; other routes take any id.</summary>
    private static string ParameterValue(FuzzRoute route, RoutePatternParameterPart parameter, Random random, FuzzContext c) =>
        route.Label == "GET /c/{offer_id:int}"
            ? random.Next(6) == 0 ? Nasty.Pick(random, ["0", "-1", "2147483647", "999999"]) : Nasty.Pick(random, c.ClickOffers).ToString(CultureInfo.InvariantCulture)
            : parameter.ParameterPolicies.Any(p => p.Content == "int") || parameter.Name.EndsWith("id", StringComparison.Ordinal) && random.Next(2) == 0
                ? FuzzValues.Int(random, c)
                : FuzzValues.For(parameter.Name, random, c);

    private static List<(string Name, string Value)> Query(FuzzRoute route, Random random, FuzzContext c)
    {
        var gentle = random.Next(3) == 0;
        // A gentle ingress request sends SPEC 3's own names, so that some get through to the worker.
        var names = (gentle && route.Area == Area.Ingress ? Canonical : route.QueryNames).Where(_ => random.Next(3) > 0).ToList();
        if (route.Area == Area.Ingress) names.AddRange(Enumerable.Range(0, random.Next(4)).Select(_ => Nasty.Pick(random, c.AllNames)));
        if (random.Next(5) == 0) names.Add(Nasty.Pick(random, [.. c.AllNames, "returnUrl", "ReturnUrl", "url", "next", "redirect", "handler", Nasty.Any(random)]));
        return names.Select(n => (n, FuzzValues.For(n, random, c, gentle))).ToList();
    }

    private static string Encode(string s, Random random) => random.Next(10) switch
    {
        0 => Uri.EscapeDataString(Uri.EscapeDataString(s)),
        1 => string.Concat(Encoding.UTF8.GetBytes(s).Select(b => b is >= (byte)'!' and <= (byte)'~' and not ((byte)'&' or (byte)'#' or (byte)'%' or (byte)'+')
            ? ((char)b).ToString() : $"%{b:X2}")),
        _ => Uri.EscapeDataString(s).Replace("%20", random.Next(2) == 0 ? "+" : "%20", StringComparison.Ordinal),
    };

    /// <summary>Bytes HttpClient would never send: invalid UTF-8, controls, spaces, an unencoded nasty value.</summary>
    private static void RawTarget(MemoryStream target, Random random)
    {
        target.Write(random.Next(3) == 0 ? "?raw="u8 : "&raw="u8);
        target.Write(random.Next(2) == 0 ? Nasty.Pick(random, Nasty.RawBytes) : Encoding.UTF8.GetBytes(Nasty.Any(random)));
    }

    private static List<string> Headers(FuzzRoute route, string method, Random random, FuzzContext c, bool raw)
    {
        var headers = new List<string> { "Connection: close", "User-Agent: " + Header(random.Next(4) == 0 ? Nasty.Any(random) : "fuzz/1.0", raw) };
        if (random.Next(3) == 0) headers.Add("Accept: " + Nasty.Pick(random, ["*/*", "application/json", "text/csv", "text/html", "image/gif", "x", ""]));
        if (random.Next(4) == 0) headers.Add("Referer: " + Header(Nasty.Pick(random, Nasty.Redirects), raw));
        if (route.Area == Area.Api && random.Next(7) > 1) headers.Add("X-Api-Key: " + (random.Next(6) > 0 ? TrackingApp.AdminKey : Header(Nasty.Any(random), raw)));
        if (route.Template == "/postback" && random.Next(3) == 0) headers.Add("X-Tracking-Token: " + (random.Next(2) == 0 ? c.Seeded.Token : "nope"));
        if (Cookie(route, random, c) is { } cookie) headers.Add("Cookie: " + cookie);
        if (method == "OPTIONS") headers.AddRange(["Origin: https://shop.example", "Access-Control-Request-Method: " + Nasty.Pick(random, ["POST", "GET", "PUT"])]);
        if (random.Next(15) == 0) headers.Add(Nasty.Pick(random, ["X-Forwarded-Host: evil.example", "X-Forwarded-Proto: javascript", "X-Original-URL: //evil.example",
            "X-Forwarded-For: 1.2.3.4, \"evil\"", "Forwarded: host=evil.example", "X-HTTP-Method-Override: DELETE", "Expect: 100-continue"]));
        if (random.Next(40) == 0) headers.Add("X-Big: " + new string('h', random.Next(4_000, 40_000)));
        if (raw && random.Next(2) == 0) headers.Add(Nasty.Pick(random, [$"X-A: a\n{Nasty.InjectedHeader}: 1", "X-A: a\r\n folded", "X-A: \u00fc\u00ff", "Bad Name: 1", ": empty", $"X-A: a\r{Nasty.InjectedHeader}: 1"]));
        return headers;
    }

    private static string? Cookie(FuzzRoute route, Random random, FuzzContext c) => route.Area switch
    {
        Area.Console when route.Template == "/dashboard/sign-in" => c.Console.AnonymousCookies,
        Area.Console when random.Next(4) > 0 => c.Console.Cookies,
        Area.Ingress when random.Next(3) == 0 => $"_trk={FuzzValues.ClickId(random, c)}; _trk_o{Nasty.Pick(random, c.ClickOffers)}={Uri.EscapeDataString(Nasty.Any(random))}",
        _ => random.Next(30) == 0 ? "a=\"unterminated; ; =; _trk=" + Uri.EscapeDataString(Nasty.Any(random)) : null,
    };

    private static List<(string, string)> FormFields(FuzzRoute route, Random random, FuzzContext c) => route.Area switch
    {
        Area.Console when route.Template == "/dashboard/sign-in" => [("__RequestVerificationToken", c.Console.AnonymousToken),
            ("key", random.Next(2) == 0 ? TrackingApp.AdminKey : Nasty.Any(random)), ("returnUrl", Nasty.Pick(random, [.. Nasty.Redirects, .. Nasty.Crlf, "/dashboard/ü", "/dashboard/offers"]))],
        Area.Console when random.Next(4) > 0 => [("__RequestVerificationToken", c.Console.Token)],
        _ => [],
    };

    /// <summary>A header value: visible ASCII only when well-formed (percent-encoded), the raw UTF-8 otherwise.</summary>
    private static string Header(string value, bool raw) => raw ? value : Uri.EscapeDataString(value).Replace("%20", " ", StringComparison.Ordinal);

    private static byte[] Assemble(string method, byte[] target, string host, List<string> headers, FuzzBody? body, Random random)
    {
        var head = new MemoryStream();
        head.Write(Encoding.ASCII.GetBytes(method + " "));
        head.Write(target);
        head.Write(Encoding.ASCII.GetBytes($" HTTP/1.1\r\nHost: {host}\r\n"));
        foreach (var h in headers) head.Write(Encoding.UTF8.GetBytes(h + "\r\n"));
        if (body is null) return [.. head.ToArray(), .. "\r\n"u8];
        if (body.ContentType is { } type) head.Write(Encoding.ASCII.GetBytes($"Content-Type: {type}\r\n"));
        head.Write(Encoding.ASCII.GetBytes(body.Chunked ? "Transfer-Encoding: chunked\r\n\r\n" : $"Content-Length: {body.Bytes.Length}\r\n\r\n"));
        head.Write(body.Chunked ? FuzzBodies.Chunk(body.Bytes, random) : body.Bytes);
        return head.ToArray();
    }
}
