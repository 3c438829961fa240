using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Tracking.Api.Tests.Features.Reconciliation;

/// <summary>Conversions with order ids made through the public ingress, and exports posted to <c>/api/offers/{id}/reconciliations</c>.</summary>
public static class ExportUploads
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One postback-only purchase conversion per order, each on its own click; returns when the worker has decided them all.</summary>
    public static async Task OrdersAsync(this Traffic traffic, params (string Order, string Amount)[] orders)
    {
        foreach (var (order, amount) in orders)
            await traffic.PostbackAsync(await traffic.ClickAsync(), "purchase", $"&order_id={order}&amount={amount}");
        await traffic.SettledAsync();
    }

    public static Task<HttpResponseMessage> PostExportAsync(this HttpClient api, int offerId, string csv, string query = "") =>
        api.PostAsync($"/api/offers/{offerId}/reconciliations?{query}", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);

    public static Task<HttpResponseMessage> PostExportFormAsync(this HttpClient api, int offerId, string csv, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "export.csv");
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return api.PostAsync($"/api/offers/{offerId}/reconciliations", form, Ct);
    }

    /// <summary>The answer's items by export id, then result (an id may be both in the export and missing in it).</summary>
    public static Dictionary<string, JsonNode> ByResult(this JsonNode answer) =>
        answer["items"]!.AsArray().Select(i => i!).ToDictionary(i => $"{i.Str("id")}/{i.Str("result")}");

    public static string[] Differences(this JsonNode item) => item["differences"]!.AsArray().Select(d => (string)d!).ToArray();
}
