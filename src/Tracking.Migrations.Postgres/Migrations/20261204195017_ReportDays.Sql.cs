using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Postgres.Migrations;

/// <summary>
/// Issue 13: the day rollups, kept by the same delta functions as the quarter rollups (decision 0014), so that a report over
/// 30 days grouped by offer, affiliate or goal sums thousands of rows instead of a million. The functions are replaced with
/// one more upsert each; the day rows of what exists are summed from the quarter rows.
/// </summary>
public partial class ReportDays
{
    private static readonly string[] Functions =
    [
        $"""
        CREATE OR REPLACE FUNCTION report_conversion_delta(c conversions, d integer) RETURNS void LANGUAGE plpgsql AS $fn$
        DECLARE
            q bigint := floor(extract(epoch FROM c.created_at) / 900)::bigint;
            s integer := pg_backend_pid() % 8;
        BEGIN
            INSERT INTO report_conversion_quarters AS r (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, {ReportRollups.ConversionColumns})
            VALUES (q, c.offer_id, coalesce(c.affiliate_id, 0), c.goal, c.is_test, coalesce(c.currency, ''), s, {ReportRollups.ConversionValues})
            ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET {ReportRollups.ConversionSums};
            INSERT INTO report_conversion_days AS r (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, {ReportRollups.ConversionColumns})
            VALUES (q / 96 * 96, c.offer_id, coalesce(c.affiliate_id, 0), c.goal, c.is_test, coalesce(c.currency, ''), s, {ReportRollups.ConversionValues})
            ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET {ReportRollups.ConversionSums};
            INSERT INTO report_conversion_totals AS r (quarter, is_test, currency, shard, {ReportRollups.ConversionColumns})
            VALUES (q, c.is_test, coalesce(c.currency, ''), s, {ReportRollups.ConversionValues})
            ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET {ReportRollups.ConversionSums};
        END $fn$;
        """,
        """
        CREATE OR REPLACE FUNCTION report_hit_delta(h hits, d integer) RETURNS void LANGUAGE plpgsql AS $fn$
        DECLARE
            q bigint := floor(extract(epoch FROM h.received_at) / 900)::bigint;
            s integer := pg_backend_pid() % 8;
        BEGIN
            IF h.outcome IS NULL THEN RETURN; END IF;
            INSERT INTO report_hit_quarters AS r (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
            VALUES (q, coalesce(h.offer_id, 0), coalesce(h.affiliate_id, 0), coalesce(h.goal, ''), h.is_test, h.outcome, s, d)
            ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = r.hits + excluded.hits;
            INSERT INTO report_hit_days AS r (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
            VALUES (q / 96 * 96, coalesce(h.offer_id, 0), coalesce(h.affiliate_id, 0), coalesce(h.goal, ''), h.is_test, h.outcome, s, d)
            ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = r.hits + excluded.hits;
            INSERT INTO report_hit_totals AS r (quarter, is_test, outcome, shard, hits)
            VALUES (q, h.is_test, h.outcome, s, d)
            ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = r.hits + excluded.hits;
        END $fn$;
        """,
    ];

    /// <summary>The day rollups from the quarter rows; bench/ConsoleData fills a bulk-loaded database with the same.</summary>
    internal static readonly string[] Backfill =
    [
        $"INSERT INTO report_conversion_days (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, {ReportRollups.ConversionColumns}) " +
            "SELECT quarter / 96 * 96, offer_id, affiliate_id, goal, is_test, currency, 0, sum(conversions), sum(both_methods), sum(pixel_only), " +
            "sum(postback_only), sum(awaiting), sum(amount_mismatch), sum(currency_mismatch), sum(revenue_e4), sum(payout_e4), " +
            "sum(pending_revenue_e4), sum(pending_payout_e4) FROM report_conversion_quarters GROUP BY 1, 2, 3, 4, 5, 6;",
        "INSERT INTO report_hit_days (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits) " +
            "SELECT quarter / 96 * 96, offer_id, affiliate_id, goal, is_test, outcome, 0, sum(hits) FROM report_hit_quarters GROUP BY 1, 2, 3, 4, 5, 6;",
    ];

    private static void CreateDayRollups(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in Functions) migrationBuilder.Sql(sql);
        foreach (var sql in Backfill) migrationBuilder.Sql(sql);
    }

    private static void DropDayRollups(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in ReportRollups.Functions[..2]) migrationBuilder.Sql(sql.Replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", StringComparison.Ordinal));
    }
}
