using Microsoft.EntityFrameworkCore;
using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Persistence;

/// <summary>
/// Decision 0025: the worker's lookups of a chunk's candidate conversions (by dedup key, order id, event id) each read
/// their own index. On PostgreSQL the plans are taken with the statistics a new database has in its first minute under
/// load: <c>conversions</c> analyzed while empty and 20,000 rows inserted since. With the order-id and event-id indexes
/// over every row, the lookup by dedup key was planned on the event-id index, reading every conversion of the offer and goal for each chunk.
/// </summary>
public sealed class ConversionLookupTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly (int, string, string)[] Keys =
        [.. Enumerable.Range(1, 64).Select(i => (1, "purchase", $"o:new-{i}")), .. Enumerable.Range(1, 64).Select(i => (1, "purchase", $"c:click-{i}"))];
    private static readonly (int, string, string)[] Ids = [.. Enumerable.Range(1, 64).Select(i => (1, "purchase", $"new-{i}"))];

    [Fact]
    public async Task OnSqliteEachLookupReadsItsIndex()
    {
        await using var app = new TrackingApp();
        await AssertPlansAsync(app, scan: "SCAN ");
    }

    [Fact]
    public async Task OnPostgresEachLookupReadsItsIndexWithStatisticsTakenWhileTheTableWasEmpty()
    {
        await using var app = await TrackingApp.OnPostgresAsync(postgres);
        await app.WithDb(db => db.Database.ExecuteSqlRawAsync("""
            ANALYZE conversions;
            BEGIN;
            SELECT set_config('tracking.rollups_by_statement', 'on', true);
            INSERT INTO conversions (id, offer_id, affiliate_id, goal, click_id, order_id, event_id, dedup_key, key_kind, match, authority, status,
                revenue, payout, duplicate_count, created_at, updated_at, version, is_test)
            SELECT lpad(g::text, 26, '0'), 1, 1, 'purchase', 'click-' || (g % 3000), 'order-' || g, CASE WHEN g % 10 = 0 THEN 'event-' || g END,
                'o:order-' || g, 'order_id', 'click_id', 'postback', 'approved', 1, 1, 0, now(), now(), 1, false
            FROM generate_series(1, 20000) g;
            COMMIT;
            """, Ct));
        await AssertPlansAsync(app, scan: "Seq Scan");
    }

    private static async Task AssertPlansAsync(TrackingApp app, string scan)
    {
        foreach (var (plan, column) in new[]
                 {
                     (await QueryPlans.ExplainAsync(app, db => db.WithKeys(Keys)), "dedup_key"),
                     (await QueryPlans.ExplainAsync(app, db => db.WithOrderIds(Ids)), "order_id"),
                     (await QueryPlans.ExplainAsync(app, db => db.WithEventIds(Ids)), "event_id"),
                 })
        {
            // Read through the column's own index, with every column of it in the index's condition: nothing filtered after.
            Assert.Contains(plan, row => row.Contains($"ix_conversions_offer_id_goal_{column}"));
            Assert.Contains(plan, row => (row.StartsWith("SEARCH ") || row.StartsWith("Index Cond:")) && row.Contains("offer_id") && row.Contains("goal")
                && row.Contains(column));
            Assert.DoesNotContain(plan, row => row.StartsWith("Filter:") || row.Contains(scan));
        }
    }
}
