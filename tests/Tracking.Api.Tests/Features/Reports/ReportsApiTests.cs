using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Tracking.Api.Tests.Features.Reports;

public sealed class ReportsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One conversion both methods saw, one only the postback saw (flagged by the sweep), one refused postback.</summary>
    private static async Task<(TrackingApp App, Seeded Seeded)> ReconciledAsync()
    {
        var app = new TrackingApp();
        var seeded = await app.OfferAsync(o => o.Configure(null, null, 0, null, null, null, null));
        var traffic = new Traffic(app, seeded);
        await traffic.BothAsync("o-1", "20");
        var lone = await traffic.ClickAsync();
        await traffic.PostbackAsync(lone);
        await traffic.PostbackAsync(lone, "purchase", token: "forged", expected: HttpStatusCode.Forbidden);
        await traffic.SettledAsync();
        var run = await app.Api().PostAsync("/api/reconciliation/run", null, Ct);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        return (app, seeded);
    }

    [Fact]
    public async Task ReportCountsBothPostbackOnlyAndReasonsForEveryGrouping()
    {
        var (app, seeded) = await ReconciledAsync();
        await using var _ = app;
        var api = app.Api();

        foreach (var (groupBy, expected) in new[]
                 {
                     ("offer", (object)seeded.OfferId), ("affiliate", seeded.AffiliateId), ("day", DateTime.UtcNow.ToString("yyyy-MM-dd")),
                 })
        {
            var report = await api.GetJsonAsync($"/api/reports/discrepancies?group_by={groupBy}");
            Assert.Equal(JsonValueKind.Null, report.GetProperty("next_cursor").ValueKind);
            var row = Assert.Single(report.Items());
            Assert.Equal(expected.ToString(), row.GetProperty("group").ToString());
            Assert.Equal((2, 1, 0, 1, 0, 0), Counts(row));
            Assert.Equal(0.5m, row.GetProperty("match_rate").GetDecimal());
            Assert.Equal(new Dictionary<string, int> { ["converted"] = 2, ["merged"] = 1, ["token_invalid"] = 1 }, Reasons(row));
        }

        var goals = (await api.GetJsonAsync("/api/reports/discrepancies?group_by=goal")).Items();
        Assert.Equal(["conversion", "purchase"], goals.Select(g => g.Str("group")));
        Assert.Equal((1, 0, 0, 1, 0, 0), Counts(goals[0]));
        Assert.Equal(0m, goals[0].GetProperty("match_rate").GetDecimal());
        Assert.Equal((1, 1, 0, 0, 0, 0), Counts(goals[1]));
        Assert.Equal(1m, goals[1].GetProperty("match_rate").GetDecimal());
        Assert.Equal(new Dictionary<string, int> { ["converted"] = 1, ["merged"] = 1, ["token_invalid"] = 1 }, Reasons(goals[1]));
    }

    [Fact]
    public async Task ReportAnswersCsvWhenAskedWithAReasonColumnPerCode()
    {
        var (app, seeded) = await ReconciledAsync();
        await using var _ = app;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports/discrepancies?group_by=offer");
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await app.Api().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("group,conversions,both,pixel_only,postback_only,awaiting,amount_mismatch,currency_mismatch,match_rate,"
            + "revenue_USD,payout_USD,reason_converted,reason_merged,reason_token_invalid", lines[0]);
        // The purchase of 20 earns 10 % revenue and 5 % payout; the lone conversion's goal earns nothing.
        Assert.Equal($"{seeded.OfferId},2,1,0,1,0,0,0,0.5,2,1,2,1,1", Assert.Single(lines[1..]));
    }

    [Theory]
    [InlineData(null, "json")]
    [InlineData("*/*", "json")]
    [InlineData("application/json", "json")]
    [InlineData("text/csv", "csv")]
    [InlineData("text/csv;q=0.5, application/json", "json")]
    [InlineData("text/csv, application/json", "json")]
    [InlineData("text/csv, application/json;q=0.9", "csv")]
    [InlineData("text/*, application/json;q=0.5", "csv")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "json")]
    [InlineData("application/json;q=0, */*", "csv")]
    [InlineData("text/html", "406")]
    [InlineData("text/csv;q=0, application/json;q=0, */*;q=0.5", "406")]
    public async Task ReportAnswersJsonUnlessTheClientPrefersCsv(string? accept, string expected)
    {
        await using var app = new TrackingApp();
        using var client = app.Public();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports/discrepancies?group_by=day");
        request.Headers.Add("X-Api-Key", TrackingApp.AdminKey);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        switch (expected)
        {
            case "json":
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
                Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(body).RootElement.GetProperty("items").ValueKind);
                break;
            case "csv":
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
                Assert.StartsWith("group,conversions,", body);
                break;
            default:
                Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
                Assert.Equal("not_acceptable", JsonDocument.Parse(body).RootElement.GetProperty("reason").GetString());
                break;
        }
    }

    [Fact]
    public async Task FormatCsvDownloadsTheReportWhateverTheAcceptHeader()
    {
        await using var app = new TrackingApp();
        var api = app.Api(); // sends Accept: application/json, as a browser's fetch may
        var response = await api.GetAsync("/api/reports/discrepancies?group_by=offer&from=2026-03-01&to=2026-03-31&format=csv", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("discrepancies-by-offer-from-2026-03-01-to-2026-03-31.csv", disposition.FileName?.Trim('"'));
        Assert.StartsWith("group,conversions,", await response.Content.ReadAsStringAsync(Ct));

        var json = await api.GetJsonAsync("/api/reports/discrepancies?format=json");
        Assert.Equal(JsonValueKind.Array, json.GetProperty("items").ValueKind);
        Assert.Equal("invalid_format", (await api.GetJsonAsync("/api/reports/discrepancies?format=xml", HttpStatusCode.BadRequest)).Reason());
    }

    [Fact]
    public async Task TimeZoneMovesAConversionAcrossTheDayBoundary()
    {
        await using var app = new TrackingApp();
        var traffic = new Traffic(app, await app.OfferAsync());
        await traffic.PostbackAsync(await traffic.ClickAsync());
        await traffic.SettledAsync();
        // 23:30 UTC on 10 March is 08:30 on 11 March in Tokyo and 19:30 on 10 March in New York.
        var at = new DateTime(2026, 3, 10, 23, 30, 0, DateTimeKind.Utc);
        await app.WithDb(async db =>
        {
            await db.Conversions.ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, at), Ct);
            return await db.Hits.ExecuteUpdateAsync(s => s.SetProperty(h => h.ReceivedAt, at), Ct);
        });
        var api = app.Api();
        const string range = "/api/reports/discrepancies?group_by=day&from=2026-03-01&to=2026-03-31";

        Assert.Equal("2026-03-10", Assert.Single((await api.GetJsonAsync(range)).Items()).Str("group"));
        Assert.Equal("2026-03-10", Assert.Single((await api.GetJsonAsync(range + "&tz=America/New_York")).Items()).Str("group"));
        var tokyo = Assert.Single((await api.GetJsonAsync(range + "&tz=Asia/Tokyo")).Items());
        Assert.Equal("2026-03-11", tokyo.Str("group"));
        Assert.Equal(1, tokyo.GetProperty("reasons").GetProperty("converted").GetInt32());
        // A date bound is a local midnight in the zone.
        Assert.Single((await api.GetJsonAsync("/api/reports/discrepancies?from=2026-03-11&to=2026-03-11&tz=Asia/Tokyo")).Items());
        Assert.Empty((await api.GetJsonAsync("/api/reports/discrepancies?from=2026-03-11&to=2026-03-11")).Items());
    }

    [Fact]
    public async Task BadReportParametersAnswer400WithAReason()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        Assert.Equal("invalid_group_by", (await api.GetJsonAsync("/api/reports/discrepancies?group_by=week", HttpStatusCode.BadRequest)).Reason());
        Assert.Equal("invalid_tz", (await api.GetJsonAsync("/api/reports/discrepancies?tz=Mars/Olympus", HttpStatusCode.BadRequest)).Reason());
        Assert.Equal("invalid_time", (await api.GetJsonAsync("/api/reports/discrepancies?from=last-week", HttpStatusCode.BadRequest)).Reason());
        Assert.Equal("invalid_time", (await api.GetJsonAsync("/api/reports/discrepancies?from=2026-03-02&to=2026-03-01", HttpStatusCode.BadRequest)).Reason());
        Assert.Empty((await api.GetJsonAsync("/api/reports/discrepancies")).Items());
    }

    private static (int, int, int, int, int, int) Counts(JsonElement row) =>
        (row.GetProperty("conversions").GetInt32(), row.GetProperty("both").GetInt32(), row.GetProperty("pixel_only").GetInt32(),
         row.GetProperty("postback_only").GetInt32(), row.GetProperty("awaiting").GetInt32(), row.GetProperty("amount_mismatch").GetInt32());

    private static Dictionary<string, int> Reasons(JsonElement row) =>
        row.GetProperty("reasons").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
}
