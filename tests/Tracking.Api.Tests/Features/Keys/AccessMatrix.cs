using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Tracking.Api.Tests.Features.Keys;

/// <summary>
/// One row per <c>/api</c> endpoint. <see cref="Expect"/> has one letter per role, in the order admin, analyst, advertiser,
/// affiliate: <c>A</c> allowed on both tenants' ids, <c>O</c> allowed on its own tenant only (another tenant's id answers
/// <see cref="OtherReason"/>, 404 <c>not_found</c> unless said otherwise; a list shows none of the other tenant's rows),
/// <c>F</c> refused with 403 <c>forbidden</c>. <see cref="Foreign"/> tells a list's row of the other tenant; <see cref="OtherSkipped"/>
/// tells, for a request on many ids that answers 2xx, that the other tenant's ids were left alone (counted as not found).
/// </summary>
public sealed record MatrixRow(string Route, string Expect, Func<Tenant, HttpRequestMessage> Request,
    Func<JsonNode, Tenant, bool>? Foreign = null, string OtherReason = "not_found", Func<JsonNode, bool>? OtherSkipped = null)
{
    public override string ToString() => Route;
}

public static class AccessMatrix
{
    private static int _unique;

    public static readonly MatrixRow[] Rows =
    [
        new("POST /api/advertisers", "AFFF", _ => Post("/api/advertisers", new { name = Name() })),
        new("GET /api/advertisers", "AAOF", _ => Get("/api/advertisers"), (a, o) => Int(a, "id") == o.AdvertiserId),
        new("GET /api/advertisers/{id}", "AAOF", t => Get($"/api/advertisers/{t.AdvertiserId}")),
        new("PATCH /api/advertisers/{id}", "AFFF", t => Patch($"/api/advertisers/{t.AdvertiserId}", new { })),
        new("POST /api/affiliates", "AFFF", _ => Post("/api/affiliates", new { name = Name() })),
        new("GET /api/affiliates", "AAFO", _ => Get("/api/affiliates"), (a, o) => Int(a, "id") == o.AffiliateId),
        new("GET /api/affiliates/{id}", "AAFO", t => Get($"/api/affiliates/{t.AffiliateId}")),
        new("PATCH /api/affiliates/{id}", "AFFF", t => Patch($"/api/affiliates/{t.AffiliateId}", new { })),
        new("POST /api/affiliates/{id}/secret/rotate", "AFFO", t => Post($"/api/affiliates/{t.AffiliateId}/secret/rotate", null)),
        new("POST /api/affiliates/{affiliate_id}/postbacks", "AFFO",
            t => Post($"/api/affiliates/{t.AffiliateId}/postbacks", new { url = "https://partner.example/pb?c={click_id}", state = "paused" })),
        new("GET /api/affiliates/{affiliate_id}/postbacks", "AAFO", t => Get($"/api/affiliates/{t.AffiliateId}/postbacks")),
        new("GET /api/affiliates/{affiliate_id}/postbacks/{id}", "AAFO", t => Get($"/api/affiliates/{t.AffiliateId}/postbacks/{t.TemplateId}")),
        new("PATCH /api/affiliates/{affiliate_id}/postbacks/{id}", "AFFO",
            t => Patch($"/api/affiliates/{t.AffiliateId}/postbacks/{t.TemplateId}", new { })),
        new("POST /api/affiliates/{affiliate_id}/postbacks/{id}/test", "AFFO",
            t => Post($"/api/affiliates/{t.AffiliateId}/postbacks/{t.TemplateId}/test", null)),
        new("POST /api/offers", "AFOF",
            t => Post("/api/offers", new { advertiser_id = t.AdvertiserId, name = Name(), landing_url = "https://shop.example/" }),
            OtherReason: "unknown_advertiser"),
        new("GET /api/offers", "AAOF", _ => Get("/api/offers"), (o, other) => Int(o, "advertiser_id") == other.AdvertiserId),
        new("GET /api/offers/{id}", "AAOF", t => Get($"/api/offers/{t.OfferId}")),
        new("PATCH /api/offers/{id}", "AFOF", t => Patch($"/api/offers/{t.OfferId}", new { })),
        new("POST /api/offers/{id}/goals", "AFOF", t => Post($"/api/offers/{t.OfferId}/goals", new { code = Name() })),
        new("GET /api/offers/{id}/goals", "AAOF", t => Get($"/api/offers/{t.OfferId}/goals")),
        new("GET /api/offers/{id}/integration", "AAOF", t => Get($"/api/offers/{t.OfferId}/integration")),
        new("POST /api/offers/{id}/test-conversions", "AFOF", t => Post($"/api/offers/{t.OfferId}/test-conversions", new { })),
        new("POST /api/offers/{id}/reconciliations", "AAOF", t => new(HttpMethod.Post, $"/api/offers/{t.OfferId}/reconciliations")
        {
            Content = new StringContent("order_id,amount\nm-1,5\n", System.Text.Encoding.UTF8, "text/csv"),
        }),
        new("GET /api/conversions", "AAOO", _ => Get("/api/conversions"),
            (c, o) => Int(c, "offer_id") == o.OfferId || Int(c, "affiliate_id") == o.AffiliateId),
        new("GET /api/conversions/{id}", "AAOO", t => Get($"/api/conversions/{t.ConversionId}")),
        new("PATCH /api/conversions/{id}", "AFOF", t => Patch($"/api/conversions/{t.ConversionId}", new { status = "approved" })),
        new("POST /api/conversions/status", "AFOF", t => Post("/api/conversions/status", new { status = "approved", ids = new[] { t.ConversionId } }),
            OtherSkipped: r => (int)r["not_found"]! == 1 && (int)r["changed"]! + (int)r["unchanged"]! == 0),
        new("GET /api/hits", "AAOF", _ => Get("/api/hits"), (h, o) => Int(h, "offer_id") == o.OfferId),
        new("GET /api/hits/{id}", "AAOF", t => Get($"/api/hits/{t.HitId}")),
        new("GET /api/reports/discrepancies", "AAOF", _ => Get("/api/reports/discrepancies?group_by=offer"), (r, o) => Int(r, "group") == o.OfferId),
        new("GET /api/deliveries", "AAFO", _ => Get("/api/deliveries"), (d, o) => Int(d, "affiliate_id") == o.AffiliateId),
        new("GET /api/deliveries/{id}", "AAFO", t => Get($"/api/deliveries/{t.DeliveryId}")),
        new("POST /api/deliveries/{id}/replay", "AFFO", t => Post($"/api/deliveries/{t.DeliveryId}/replay", null)),
        new("POST /api/reconciliation/run", "AFFF", _ => Post("/api/reconciliation/run", null)),
        new("POST /api/keys", "AFFF", _ => Post("/api/keys", new { name = Name(), role = "analyst" })),
        new("GET /api/keys", "AFFF", _ => Get("/api/keys")),
        new("GET /api/limits/refused", "AFFF", _ => Get("/api/limits/refused")),
        new("DELETE /api/keys/{id}", "AFFF", t => new HttpRequestMessage(HttpMethod.Delete, $"/api/keys/{t.SpareKeyId}")),
    ];

    private static string Name() => $"m{Interlocked.Increment(ref _unique)}";

    private static int? Int(JsonNode node, string name) => node[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Post(string url, object? body) =>
        new(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };

    private static HttpRequestMessage Patch(string url, object body) => new(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
}
