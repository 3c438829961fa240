using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Chaos;

/// <summary>What the suite asks of the API over HTTP: readiness, click ids, the partner's template, and an operator's acts.</summary>
public sealed class ProductApi(Uri url, string adminKey)
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = url,
        Timeout = TimeSpan.FromSeconds(10),
        DefaultRequestHeaders = { { "X-Api-Key", adminKey } },
    };

    /// <summary>Waits until the demo offer's tracking link redirects (the API is up and the first-run demo exists).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await _client.GetAsync("/c/1?aff_id=1");
                if (response.StatusCode == HttpStatusCode.Redirect) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The API at {url} did not become ready within {timeout}.");
    }

    /// <summary>The demo advertiser's postback token, as the API shows it to an admin (the database keeps it encrypted).</summary>
    public async Task<string> PostbackTokenAsync()
    {
        using var advertiser = JsonDocument.Parse(await _client.GetStringAsync("/api/advertisers/1"));
        return advertiser.RootElement.GetProperty("postback_token").GetString()!;
    }

    public async Task<List<string>> ClicksAsync(int count)
    {
        var clicks = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var response = await _client.GetAsync("/c/1?aff_id=1&sub1=chaos");
            var location = response.Headers.Location!.OriginalString;
            clicks.Add(location.Split("click_id=")[1].Split('&')[0]);
        }
        return clicks;
    }

    /// <summary>A template of the demo affiliate forwarding every conversion when it is created; returns its id.</summary>
    public async Task<int> AddTemplateAsync(string template)
    {
        using var response = await _client.PostAsJsonAsync("/api/affiliates/1/postbacks", new { url = template, trigger = "created" });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>What an operator does after a partner's 410 paused the template: resume it.</summary>
    public async Task ResumeAsync(int templateId)
    {
        using var response = await _client.PatchAsJsonAsync($"/api/affiliates/1/postbacks/{templateId}", new { state = "active" });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>And replay the deliveries the 410 ended as failed.</summary>
    public async Task<int> ReplayAsync(IEnumerable<string> deliveryIds)
    {
        var n = 0;
        foreach (var id in deliveryIds)
        {
            using var response = await _client.PostAsync($"/api/deliveries/{id}/replay", null);
            response.EnsureSuccessStatusCode();
            n++;
        }
        return n;
    }
}
