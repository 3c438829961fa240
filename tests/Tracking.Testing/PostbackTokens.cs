using System.Text.Json;

namespace Tracking.Testing;

/// <summary>An advertiser's postback token as the management API shows it to an admin: the database keeps it encrypted (issue 12.4).</summary>
public static class PostbackTokens
{
    public static async Task<string> ReadAsync(Uri api, string adminKey, int advertiserId = 1)
    {
        using var client = new HttpClient { BaseAddress = api };
        client.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
        using var advertiser = JsonDocument.Parse(await client.GetStringAsync($"/api/advertisers/{advertiserId}"));
        return advertiser.RootElement.GetProperty("postback_token").GetString()!;
    }
}
