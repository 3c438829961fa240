using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tracking.Testing;

/// <summary>Drives the public ingress as browsers and advertisers' servers do, and reads the API's JSON.</summary>
public sealed class Traffic(TrackingApp app, Seeded seeded)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient _public = app.Public();

    /// <summary>A click through the tracking link; the click id comes from the offer's cookie.</summary>
    public async Task<string> ClickAsync(string sub1 = "s1")
    {
        var response = await _public.GetAsync($"/c/{seeded.OfferId}?aff_id={seeded.AffiliateId}&sub1={sub1}&source=feed", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith($"_trk_o{seeded.OfferId}="));
        return cookie.Split(';')[0].Split('=', 2)[1];
    }

    /// <summary>An image pixel from the browser that clicked (the click id travels in the cookie).</summary>
    public async Task PixelAsync(string clickId, string goal = "conversion", string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/p/{seeded.OfferId}.gif?goal={goal}{query}");
        request.Headers.Add("Cookie", $"_trk_o{seeded.OfferId}={clickId}");
        var response = await _public.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A server-to-server postback; returns its hit id (also for a refused one, from the problem details).</summary>
    public async Task<string> PostbackAsync(string clickId, string goal = "conversion", string query = "", string? token = null,
        HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _public.GetAsync($"/postback?click_id={clickId}&goal={goal}&token={token ?? seeded.Token}{query}", Ct);
        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return body.GetProperty("hit_id").GetString()!;
    }

    /// <summary>A click, a pixel and a postback for the same order: one conversion both methods saw.</summary>
    public async Task<string> BothAsync(string order, string amount = "20")
    {
        var click = await ClickAsync();
        await PixelAsync(click, "purchase", $"&order_id={order}&amount={amount}");
        await PostbackAsync(click, "purchase", $"&order_id={order}&amount={amount}");
        return click;
    }

    public Task SettledAsync() => app.AllDecided();
}

public static class Json
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> GetJsonAsync(this HttpClient api, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await api.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static JsonElement[] Items(this JsonElement page) => page.GetProperty("items").EnumerateArray().ToArray();

    public static string? Str(this JsonElement e, string name) => e.GetProperty(name).GetString();
}
