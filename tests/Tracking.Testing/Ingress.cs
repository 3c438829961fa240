using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tracking.Testing;

/// <summary>Drives the public ingress like a browser or an advertiser's server would.</summary>
public static class Ingress
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Follows a tracking link; returns the click id and the cookie header a browser would send back.</summary>
    public static async Task<(string ClickId, string Cookie)> ClickAsync(this HttpClient client, Seeded s, string extra = "")
    {
        var response = await client.GetAsync($"/c/{s.OfferId}?aff_id={s.AffiliateId}{extra}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var clickId = cookies.First(c => c.StartsWith($"_trk_o{s.OfferId}=")).Split('=', 2)[1];
        return (clickId, string.Join("; ", cookies));
    }

    public static Task<HttpResponseMessage> PixelAsync(this HttpClient client, int offerId, string query, string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/p/{offerId}.gif?{query}");
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> PostbackAsync(this HttpClient client, string query) => client.GetAsync($"/postback?{query}", Ct);

    /// <summary>The hit id of any ingress answer: the postback's JSON or problem body, or, for a pixel, the newest hit.</summary>
    public static async Task<string> HitIdAsync(this HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return doc.RootElement.GetProperty("hit_id").GetString()!;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return json;
    }

    public static string Reason(this JsonElement problem) => problem.GetProperty("reason").GetString()!;
}
