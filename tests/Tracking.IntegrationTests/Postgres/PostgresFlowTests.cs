using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Postgres;

/// <summary>SPEC 3 and 4 end to end on PostgreSQL: real HTTP in, the worker over the in-memory bus, the PostgreSQL ingress writer.</summary>
public sealed class PostgresFlowTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APixelAndAPostbackOfOneOrderAreOneConversionThatBothMethodsSaw()
    {
        await using var app = await TrackingApp.OnPostgresAsync(postgres);
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, cookie) = await client.ClickAsync(s, "&sub1=feed");
        await client.PixelAsync(s.OfferId, "goal=purchase&amount=10&order_id=A1", cookie);
        var postback = await client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=10&order_id=A1&token={s.Token}");
        Assert.Equal(HttpStatusCode.OK, postback.StatusCode);
        await app.Decided(await postback.HitIdAsync());
        await app.AllDecided();

        var c = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync(Ct));
        Assert.Equal([Method.Pixel, Method.Postback], c.Methods);
        Assert.Equal("feed", c.Sub1);
        Assert.Equal(DateTimeKind.Utc, c.CreatedAt.Kind);
        // Either hit may be decided first (their batches reach concurrent consumers): one converts, the other merges.
        var outcomes = await app.WithDb(db => db.Hits.AsNoTracking().Select(h => h.Outcome).ToListAsync(Ct));
        Assert.Equal([Reasons.Converted, Reasons.Merged], outcomes.Order());
    }

    [Fact]
    public async Task FortyConcurrentDuplicatePostbacksLeaveOneConversion()
    {
        await using var app = await TrackingApp.OnPostgresAsync(postgres);
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=10&order_id=SAME&token={s.Token}")));
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        await app.AllDecided();

        var c = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(39, c.DuplicateCount);
        var outcomes = await app.WithDb(db => db.Hits.AsNoTracking().GroupBy(h => h.Outcome)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct));
        Assert.Equal(1, outcomes.Single(o => o.Key == Reasons.Converted).Count);
        Assert.Equal(39, outcomes.Single(o => o.Key == Reasons.Duplicate).Count);
    }

    [Fact]
    public async Task OrderIdsThatDifferOnlyInCaseAreTwoConversions()
    {
        await using var app = await TrackingApp.OnPostgresAsync(postgres);
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=10&order_id=abc&token={s.Token}");
        await client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=10&order_id=ABC&token={s.Token}");
        await app.AllDecided();

        Assert.Equal(2, await app.WithDb(db => db.Conversions.CountAsync(Ct)));
    }

    [Fact]
    public async Task ReconciliationExplainsAPostbackWithoutPixelAndTheReportCountsIt()
    {
        await using var app = await TrackingApp.OnPostgresAsync(postgres);
        var s = await app.OfferAsync(o => o.Configure(null, null, 0, null, null, null, null));
        var client = app.Public();
        var (both, cookie) = await client.ClickAsync(s);
        await client.PixelAsync(s.OfferId, "goal=purchase&amount=20&order_id=o-1", cookie);
        await client.PostbackAsync($"click_id={both}&goal=purchase&amount=20&order_id=o-1&token={s.Token}");
        var (lone, _) = await client.ClickAsync(s);
        await client.PostbackAsync($"click_id={lone}&goal=purchase&amount=5&order_id=o-2&token={s.Token}");
        var forged = await client.PostbackAsync($"click_id={lone}&goal=purchase&token=forged");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        await app.AllDecided();

        var api = app.Api();
        var run = await api.PostAsync("/api/reconciliation/run", null, Ct);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var flagged = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync(c => c.OrderId == "o-2", Ct));
        Assert.Equal(Discrepancy.PostbackOnly, flagged.Discrepancy);
        Assert.False(string.IsNullOrWhiteSpace(flagged.Explanation));
        Assert.Null(flagged.ReconcileDueAt);

        foreach (var groupBy in new[] { "day", "offer", "affiliate", "goal" })
        {
            var row = Assert.Single(await ItemsAsync(api, $"/api/reports/discrepancies?group_by={groupBy}&tz=Europe/Berlin"));
            Assert.Equal(2, row.GetProperty("conversions").GetInt32());
            Assert.Equal(1, row.GetProperty("both").GetInt32());
            Assert.Equal(1, row.GetProperty("postback_only").GetInt32());
            Assert.Equal(0, row.GetProperty("awaiting").GetInt32());
            Assert.Equal(0.5m, row.GetProperty("match_rate").GetDecimal());
            var reasons = row.GetProperty("reasons").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            Assert.Equal(new Dictionary<string, int> { ["converted"] = 2, ["merged"] = 1, ["token_invalid"] = 1 }, reasons);
        }
        var day = Assert.Single(await ItemsAsync(api, "/api/reports/discrepancies?group_by=day&tz=Pacific/Kiritimati"));
        Assert.Equal(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Pacific/Kiritimati").ToString("yyyy-MM-dd"),
            day.GetProperty("group").GetString());
    }

    private static async Task<JsonElement[]> ItemsAsync(HttpClient api, string url)
    {
        var response = await api.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
