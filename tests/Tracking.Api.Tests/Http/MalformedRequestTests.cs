using System.Net;
using System.Text;
using System.Text.Json;
using Tracking.Domain.Common;

namespace Tracking.Api.Tests.Http;

/// <summary>
/// One reason per kind of mistake on every endpoint of <c>/api</c>: <c>invalid_limit</c>, <c>invalid_cursor</c>,
/// <c>invalid_time</c>, <c>invalid_id</c> (a path id), <c>invalid_body</c> (not JSON, not an object, a field of the wrong
/// type) and <c>invalid_&lt;field&gt;</c> (a query value), each naming the parameter. Framework binding once answered some of
/// these with <c>bad_request</c> "Failed to bind parameter".
/// </summary>
public sealed class MalformedRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] PagedLists =
        ["/api/advertisers", "/api/affiliates", "/api/offers", "/api/affiliates/{affiliate}/postbacks", "/api/conversions", "/api/hits", "/api/deliveries"];

    private static readonly string[] TimedLists = ["/api/conversions", "/api/hits", "/api/deliveries", "/api/reports/discrepancies"];

    /// <summary>(list, query, reason, the parameter the detail must name).</summary>
    private static IEnumerable<(string List, string Query, string Reason, string Names)> QueryMatrix()
    {
        foreach (var list in PagedLists)
        {
            yield return (list, "limit=abc", "invalid_limit", "limit");
            yield return (list, "limit=0", "invalid_limit", "limit");
            yield return (list, "limit=1001", "invalid_limit", "limit");
            yield return (list, "limit=-5", "invalid_limit", "limit");
            yield return (list, "cursor=not-a-cursor!", "invalid_cursor", "cursor");
        }
        foreach (var list in TimedLists)
        {
            yield return (list, "from=yesterday", "invalid_time", "from");
            yield return (list, "to=31/01/2026", "invalid_time", "to");
            yield return (list, "from=2026-03-02&to=2026-03-01", "invalid_time", "from");
        }
        foreach (var list in new[] { "/api/conversions", "/api/hits", "/api/deliveries" })
        {
            yield return (list, "offer_id=abc", "invalid_offer_id", "offer_id");
            yield return (list, "offer_id=1.5", "invalid_offer_id", "offer_id");
            yield return (list, "affiliate_id=x", "invalid_affiliate_id", "affiliate_id");
        }
        yield return ("/api/offers", "advertiser_id=abc", "invalid_advertiser_id", "advertiser_id");
        yield return ("/api/conversions", "method=fax", "invalid_method", "method");
        yield return ("/api/conversions", "status=maybe", "invalid_status", "status");
        yield return ("/api/conversions", "discrepancy=odd", "invalid_discrepancy", "discrepancy");
        yield return ("/api/conversions", "match=fuzzy", "invalid_match", "match");
        yield return ("/api/hits", "method=fax", "invalid_method", "method");
        yield return ("/api/hits", "outcome=nope", "invalid_outcome", "outcome");
        yield return ("/api/deliveries", "state=gone", "invalid_state", "state");
        yield return ("/api/reports/discrepancies", "group_by=week", "invalid_group_by", "group_by");
        yield return ("/api/reports/discrepancies", "tz=Mars/Olympus", "invalid_tz", "tz");
        yield return ("/api/reports/discrepancies", "format=xml", "invalid_format", "format");
    }

    [Fact]
    public async Task EveryListAnswersEveryMalformedQueryValueWithItsReason()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var api = app.Api();
        var failures = new List<string>();
        foreach (var (list, query, reason, names) in QueryMatrix())
        {
            var url = list.Replace("{affiliate}", s.AffiliateId.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "?" + query;
            await Expect(api, HttpMethod.Get, url, null, reason, names, failures);
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task EveryPathIdThatIsNotAnIntegerIsInvalidId()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var api = app.Api();
        var failures = new List<string>();
        var a = s.AffiliateId;
        foreach (var (method, url) in new[]
                 {
                     (HttpMethod.Get, "/api/advertisers/abc"), (HttpMethod.Patch, "/api/advertisers/abc"),
                     (HttpMethod.Get, "/api/affiliates/abc"), (HttpMethod.Patch, "/api/affiliates/1.5"),
                     (HttpMethod.Post, "/api/affiliates/abc/secret/rotate"),
                     (HttpMethod.Get, "/api/offers/abc"), (HttpMethod.Patch, "/api/offers/-3"), (HttpMethod.Get, "/api/offers/abc/goals"),
                     (HttpMethod.Post, "/api/offers/abc/goals"), (HttpMethod.Get, "/api/offers/abc/integration"),
                     (HttpMethod.Get, "/api/affiliates/abc/postbacks"), (HttpMethod.Post, "/api/affiliates/abc/postbacks"),
                     (HttpMethod.Get, $"/api/affiliates/{a}/postbacks/abc"), (HttpMethod.Patch, $"/api/affiliates/{a}/postbacks/abc"),
                 })
        {
            await Expect(api, method, url, method == HttpMethod.Get ? null : "{}", "invalid_id", "id", failures);
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        // A well-formed id that names nothing is still 404 not_found.
        await (await api.GetAsync("/api/offers/999999", Ct)).AssertProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task EveryWriteEndpointAnswersAGarbledAndAWronglyTypedBodyWithInvalidBody()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var api = app.Api();
        var template = await api.TemplateAsync(s.AffiliateId, new { url = "https://partner.example/pb?c={conversion_id}" });
        var conversion = SortableId.New(DateTime.UtcNow);
        var failures = new List<string>();
        foreach (var (method, url, wrongField, wrongValue) in new[]
                 {
                     (HttpMethod.Post, "/api/advertisers", "name", "5"),
                     (HttpMethod.Patch, $"/api/advertisers/{s.AdvertiserId}", "rotate_token", "\"soon\""),
                     (HttpMethod.Post, "/api/affiliates", "name", "[1]"),
                     (HttpMethod.Patch, $"/api/affiliates/{s.AffiliateId}", "name", "{}"),
                     (HttpMethod.Post, "/api/offers", "lookback_days", "\"many\""),
                     (HttpMethod.Patch, $"/api/offers/{s.OfferId}", "advertiser_id", "\"acme\""),
                     (HttpMethod.Post, $"/api/offers/{s.OfferId}/goals", "once_per_click", "\"yes\""),
                     (HttpMethod.Post, $"/api/affiliates/{s.AffiliateId}/postbacks", "sign", "\"maybe\""),
                     (HttpMethod.Patch, $"/api/affiliates/{s.AffiliateId}/postbacks/{template["id"]}", "offer_id", "\"all\""),
                     (HttpMethod.Patch, $"/api/conversions/{conversion}", "status", "5"),
                 })
        {
            await Expect(api, method, url, "{\"name\": ", "invalid_body", "not valid JSON", failures);
            await Expect(api, method, url, "", "invalid_body", "not valid JSON", failures);
            await Expect(api, method, url, "[1, 2]", "invalid_body", "an array", failures);
            await Expect(api, method, url, $"{{\"{wrongField}\": {wrongValue}}}", "invalid_body", $"'{wrongField}'", failures);
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Sends the request and records, rather than throws, any answer other than 400 with the reason and a detail naming <paramref name="names"/>.</summary>
    private static async Task Expect(HttpClient api, HttpMethod method, string url, string? body, string reason, string names, List<string> failures)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await api.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var what = $"{method} {url} {body}";
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            failures.Add($"{what}: {(int)response.StatusCode} {text}");
            return;
        }
        using var problem = JsonDocument.Parse(text);
        var actual = problem.RootElement.TryGetProperty("reason", out var r) ? r.GetString() : null;
        var detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
        if (actual != reason) failures.Add($"{what}: reason {actual}, expected {reason} ({detail})");
        else if (!detail.Contains(names, StringComparison.OrdinalIgnoreCase)) failures.Add($"{what}: the detail '{detail}' does not name {names}");
    }
}
