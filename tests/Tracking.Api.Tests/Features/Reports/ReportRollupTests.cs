using System.Data.Common;
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

    private static Task AssertRollupsExactAsync(TrackingApp app) => app.WithDb(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        RollupCheck.AssertExact(sql => Rows(connection, sql));
        return true;
    });

    private static List<object?[]> Rows(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
