using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Tracking.Api.Tests.Features.Reports;

/// <summary>
/// Decision 0014: the report reads whole quarter hours from rollups that database triggers keep. They must count exactly what
/// the rows hold after every kind of change, and the parts of a quarter hour at the ends of a range must come from the rows.
/// </summary>
public sealed class ReportRollupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RollupsCountExactlyWhatTheRowsHoldAfterEveryKindOfChange()
    {
        await using var app = new TrackingApp();
        var seeded = await app.OfferAsync(o => o.Configure(null, null, 0, null, null, null, null));
        var traffic = new Traffic(app, seeded);
        var api = app.Api();

        await traffic.BothAsync("o-1", "20");
        var mismatch = await traffic.ClickAsync();
        await traffic.PixelAsync(mismatch, "purchase", "&order_id=o-2&amount=10");
        await traffic.PostbackAsync(mismatch, "purchase", "&order_id=o-2&amount=12");
        await traffic.PostbackAsync(mismatch, "purchase", "&order_id=o-2&amount=12");
        var lone = await traffic.ClickAsync();
        await traffic.PostbackAsync(lone);
        await traffic.PixelAsync(await traffic.ClickAsync(), "purchase", "&order_id=o-3&amount=5");
        await traffic.PostbackAsync(lone, "purchase", token: "forged", expected: HttpStatusCode.Forbidden);
        await (await api.PostJson($"/api/offers/{seeded.OfferId}/test-conversions", new { goal = "purchase", amount = 3m })).Json(HttpStatusCode.Accepted);
        await traffic.SettledAsync();
        await AssertRollupsExactAsync(app);

        // The sweep turns the awaiting one-method conversions into pixel-only and postback-only ones; a status change and a
        // merge of a late pixel change more rows.
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/reconciliation/run", null, Ct)).StatusCode);
        var conversion = (await api.GetJsonAsync("/api/conversions")).Items()[0].Str("id");
        Assert.Equal(HttpStatusCode.OK, (await api.PatchJson($"/api/conversions/{conversion}", new { status = "rejected" })).StatusCode);
        await traffic.PixelAsync(lone, "conversion");
        await traffic.SettledAsync();
        await AssertRollupsExactAsync(app);

        var report = Assert.Single((await api.GetJsonAsync("/api/reports/discrepancies?group_by=offer")).Items());
        Assert.Equal(4, report.GetProperty("conversions").GetInt32());
        // Issue 11.3: the report's money is that of the conversions themselves, approved and pending apart, per currency.
        var listed = (await api.GetJsonAsync("/api/conversions")).Items().Where(c => !c.GetProperty("is_test").GetBoolean()).ToList();
        foreach (var (field, status, money) in new[] { ("revenue", "approved", "revenue"), ("payout", "approved", "payout"), ("pending_revenue", "pending", "revenue") })
        {
            var expected = listed.Where(c => c.Str("status") == status).Sum(c => c.GetProperty(money).GetDecimal());
            var reported = report.GetProperty(field).TryGetProperty("USD", out var usd) ? usd.GetDecimal() : 0m;
            Assert.Equal(expected, reported);
        }
        Assert.True(report.GetProperty("revenue").GetProperty("USD").GetDecimal() > 0);
    }

    [Fact]
    public async Task ARangeThatStartsOrEndsInsideAQuarterHourCountsOnlyTheRowsInsideIt()
    {
        await using var app = new TrackingApp();
        var seeded = await app.OfferAsync();
        var traffic = new Traffic(app, seeded);
        var api = app.Api();
        await traffic.BothAsync("early");
        await traffic.SettledAsync();
        var between = DateTime.UtcNow;
        await Task.Delay(50, Ct);
        await traffic.BothAsync("late");
        await traffic.SettledAsync();

        // Both conversions fall in one quarter hour (or in two): a bound between them must split them whatever the quarters.
        var stamp = Uri.EscapeDataString(between.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (range, expected) in new[] { ($"from={stamp}", 1), ($"to={stamp}", 1), ("", 2) })
        {
            var rows = (await api.GetJsonAsync($"/api/reports/discrepancies?group_by=offer&{range}")).Items();
            var row = Assert.Single(rows);
            Assert.Equal(expected, row.GetProperty("conversions").GetInt32());
            Assert.Equal(expected, row.GetProperty("both").GetInt32());
            Assert.Equal(expected, row.GetProperty("reasons").GetProperty("converted").GetInt32());
        }
    }

    [Fact]
    public async Task DaysFollowTheZoneAcrossADaylightSavingChangeAndAQuarterHourOffset()
    {
        await using var app = new TrackingApp();
        var traffic = new Traffic(app, await app.OfferAsync());
        // New York goes from UTC-5 to UTC-4 at 07:00 UTC on 8 March 2026; Kathmandu is UTC+5:45.
        DateTime[] times =
        [
            new(2026, 3, 8, 4, 30, 0, DateTimeKind.Utc),   // New York 7 March 23:30 (EST)
            new(2026, 3, 8, 6, 30, 0, DateTimeKind.Utc),   // New York 8 March 01:30 (EST)
            new(2026, 3, 9, 4, 30, 0, DateTimeKind.Utc),   // New York 9 March 00:30 (EDT; under EST it would be 8 March)
            new(2026, 3, 8, 18, 10, 0, DateTimeKind.Utc),  // Kathmandu 8 March 23:55
            new(2026, 3, 8, 18, 20, 0, DateTimeKind.Utc),  // Kathmandu 9 March 00:05
        ];
        await ConversionsAtAsync(app, traffic, times);
        await AssertRollupsExactAsync(app);
        var api = app.Api();
        async Task<Dictionary<string, int>> DaysAsync(string tz) =>
            (await api.GetJsonAsync($"/api/reports/discrepancies?group_by=day&from=2026-03-01&to=2026-03-31&tz={tz}")).Items()
                .ToDictionary(r => r.Str("group")!, r => r.GetProperty("conversions").GetInt32());

        Assert.Equal(new Dictionary<string, int> { ["2026-03-07"] = 1, ["2026-03-08"] = 3, ["2026-03-09"] = 1 }, await DaysAsync("America/New_York"));
        Assert.Equal(new Dictionary<string, int> { ["2026-03-08"] = 3, ["2026-03-09"] = 2 }, await DaysAsync("Asia/Kathmandu"));
        Assert.Equal(new Dictionary<string, int> { ["2026-03-08"] = 4, ["2026-03-09"] = 1 }, await DaysAsync("UTC"));
    }

    [Fact]
    public async Task ARangeOfSeveralDaysCountsWholeDaysFromTheDayRollupsAndTheEndsFromTheQuarters()
    {
        await using var app = new TrackingApp();
        var seeded = await app.OfferAsync();
        var traffic = new Traffic(app, seeded);
        DateTime[] times =
        [
            new(2026, 3, 1, 5, 0, 0, DateTimeKind.Utc),     // before the range
            new(2026, 3, 1, 7, 0, 0, DateTimeKind.Utc),     // in the range's first, partial day
            new(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc),    // whole days
            new(2026, 3, 3, 0, 0, 0, DateTimeKind.Utc),
            new(2026, 3, 3, 23, 59, 0, DateTimeKind.Utc),
            new(2026, 3, 4, 17, 50, 0, DateTimeKind.Utc),   // in the range's last, partial day
            new(2026, 3, 4, 18, 30, 0, DateTimeKind.Utc),   // after the range
            new(2026, 3, 5, 10, 0, 0, DateTimeKind.Utc),
        ];
        await ConversionsAtAsync(app, traffic, times);
        await AssertRollupsExactAsync(app);
        var api = app.Api();
        const string range = "from=2026-03-01T06:00:00Z&to=2026-03-04T18:00:00Z";

        foreach (var by in new[] { "offer", "affiliate", "goal" })
        {
            var row = Assert.Single((await api.GetJsonAsync($"/api/reports/discrepancies?group_by={by}&{range}")).Items());
            Assert.Equal(5, row.GetProperty("conversions").GetInt32());
            Assert.Equal(5, row.GetProperty("postback_only").GetInt32() + row.GetProperty("awaiting").GetInt32());
        }
        async Task<Dictionary<string, int>> DaysAsync(string tz) =>
            (await api.GetJsonAsync($"/api/reports/discrepancies?group_by=day&offer_id={seeded.OfferId}&{range}&tz={tz}")).Items()
                .ToDictionary(r => r.Str("group")!, r => r.GetProperty("conversions").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["2026-03-01"] = 1, ["2026-03-02"] = 1, ["2026-03-03"] = 2, ["2026-03-04"] = 1 }, await DaysAsync("UTC"));
        // Berlin is UTC+1 in March: 3 March 23:59 UTC is 4 March there, and the day rows are not used.
        Assert.Equal(new Dictionary<string, int> { ["2026-03-01"] = 1, ["2026-03-02"] = 1, ["2026-03-03"] = 1, ["2026-03-04"] = 2 }, await DaysAsync("Europe/Berlin"));
    }

    /// <summary>One postback conversion per time, each then dated at its time (the update goes through the rollup triggers).</summary>
    private static async Task ConversionsAtAsync(TrackingApp app, Traffic traffic, DateTime[] times)
    {
        foreach (var _ in times) await traffic.PostbackAsync(await traffic.ClickAsync());
        await traffic.SettledAsync();
        await app.WithDb(async db =>
        {
            var ids = await db.Conversions.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(Ct);
            for (var i = 0; i < ids.Count; i++)
            {
                var (id, at) = (ids[i], times[i]);
                await db.Conversions.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.CreatedAt, at), Ct);
            }
            return ids.Count;
        });
    }

    private static Task AssertRollupsExactAsync(TrackingApp app) => app.WithDb(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        RollupCheck.AssertExact(connection);
        return true;
    });
}
