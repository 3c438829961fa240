// Signs and sends a postback to Tracking with X-Tracking-Signature (docs/integration/advertisers.md).
// Usage: var signer = new PostbackSigner("https://tracking.example.com", "YOUR_SIGNING_SECRET");
//        var response = await signer.SendAsync(http, new() { ["click_id"] = clickId, ["goal"] = "purchase", ["token"] = "YOUR_TOKEN" });
using System.Security.Cryptography;
using System.Text;

namespace TrackingSamples;

public sealed class PostbackSigner(string baseUrl, string secret)
{
    /// <summary>A GET postback whose query is written sorted and RFC 3986-encoded, so the URL sent is its own canonical form.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpClient http, Dictionary<string, string> parameters)
    {
        var query = CanonicalQuery(parameters);
        var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/postback?{query}");
        request.Headers.Add("X-Tracking-Signature", Sign("GET", "/postback", query, []));
        return http.SendAsync(request);
    }

    /// <summary>A POST postback with a JSON body: the body's bytes are signed as sent.</summary>
    public Task<HttpResponseMessage> SendJsonAsync(HttpClient http, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/postback") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Tracking-Signature", Sign("POST", "/postback", "", body));
        return http.SendAsync(request);
    }

    public static string CanonicalQuery(Dictionary<string, string> parameters) => string.Join("&", parameters
        .Select(p => (Name: Uri.EscapeDataString(p.Key), Value: Uri.EscapeDataString(p.Value)))
        .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
        .Select(p => $"{p.Name}={p.Value}"));

    // The header value: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t\nMETHOD\npath\nquery\n" followed by the body>.
    public string Sign(string method, string path, string canonicalQuery, byte[] body)
    {
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        byte[] message = [.. Encoding.UTF8.GetBytes($"{t}\n{method}\n{path}\n{canonicalQuery}\n"), .. body];
        return $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message))}";
    }
}
