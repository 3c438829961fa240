using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tracking.Testing;

/// <summary>Small helpers to talk snake_case JSON to the management API and read problem details.</summary>
public static class ApiJson
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Ct);

    public static Task<HttpResponseMessage> PatchJson(this HttpClient client, string url, object body) =>
        client.PatchAsJsonAsync(url, body, Ct);

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string body) =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"), Ct);

    public static async Task<JsonNode> Json(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> GetJson(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url, Ct)).Json(expected);

    /// <summary>Asserts a problem details answer with the status and the machine-readable reason.</summary>
    public static async Task AssertProblem(this HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        var body = await response.Json(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(reason, (string?)body["reason"]);
    }

    public static int Id(this JsonNode node) => (int)node["id"]!;

    public static string Str(this JsonNode node, string name) => node[name]!.GetValue<string>();

    public static IReadOnlyList<JsonNode> Items(this JsonNode page) => page["items"]!.AsArray().Select(n => n!).ToList();

    public static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
