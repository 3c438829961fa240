using System.Net;
using System.Text.Json.Nodes;
using TrackingSamples;

namespace Tracking.Api.Tests.Ingress.Signing;

/// <summary>An advertiser's postback checks set through the management API, and postbacks sent to them.</summary>
public static class Signed
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>PATCHes the advertiser's checks (issue 12.1) and answers the advertiser as the API shows it.</summary>
    public static async Task<JsonNode> SetChecksAsync(this TrackingApp app, Seeded s, object patch) =>
        await (await app.Api().PatchJson($"/api/advertisers/{s.AdvertiserId}", patch)).Json(HttpStatusCode.OK);

    /// <summary>A signed GET postback of <paramref name="clickId"/>, signed with <paramref name="secret"/> by the C# sample.</summary>
    public static Task<HttpResponseMessage> SignedPostbackAsync(this HttpClient client, string secret, string clickId, string orderId, string? token = null)
    {
        var parameters = new Dictionary<string, string> { ["click_id"] = clickId, ["goal"] = "purchase", ["amount"] = "9.99", ["order_id"] = orderId };
        if (token is not null) parameters["token"] = token;
        return new PostbackSigner(client.BaseAddress!.ToString().TrimEnd('/'), secret).SendAsync(client, parameters);
    }

    /// <summary>A GET postback with the given raw query and signature header, as a replaying or tampering client sends it.</summary>
    public static Task<HttpResponseMessage> RawPostbackAsync(this HttpClient client, string query, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/postback?" + query);
        if (signature is not null) request.Headers.Add("X-Tracking-Signature", signature);
        return client.SendAsync(request, Ct);
    }

    public static async Task<(HttpStatusCode Status, string Reason, string Detail, string HitId)> ProblemAsync(this HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        return (response.StatusCode, (string)body["reason"]!, (string?)body["detail"] ?? "", (string)body["hit_id"]!);
    }
}
