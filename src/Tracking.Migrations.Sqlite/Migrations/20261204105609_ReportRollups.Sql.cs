using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Sqlite.Migrations;

/// <summary>
/// The triggers that keep the report rollups exact (decision 0014), and the backfill of the rows that existed before them.
/// A quarter is computed from the stored text cut to the minute ("yyyy-MM-dd HH:mm"): strftime rounds fractional seconds.
/// </summary>
public partial class ReportRollups
{
    internal const string Quarter = "CAST(strftime('%s', substr({0}.created_at, 1, 16)) AS INTEGER) / 900";
    internal const string HitQuarter = "CAST(strftime('%s', substr({0}.received_at, 1, 16)) AS INTEGER) / 900";
    internal const string ConversionColumns = "conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, " +
        "revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4";
    internal const string ConversionSums =
        "conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, " +
        "pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, " +
        "awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, " +
        "currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, " +
        "payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, " +
        "pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4";

    /// <summary>Money in ten-thousandths of a unit when the conversion has <paramref name="status"/> (decimals are text here).</summary>
    private static string Money(string row, string column, string status) =>
        $"(CASE WHEN {row}.status = '{status}' THEN CAST(round({row}.{column} * 10000) AS INTEGER) ELSE 0 END)";

    internal static string ConversionValues(string row, int sign) =>
        $"{sign}, {sign} * ({row}.pixel_hit_id IS NOT NULL AND {row}.postback_hit_id IS NOT NULL), " +
        $"{sign} * ({row}.discrepancy IS 'pixel_only'), {sign} * ({row}.discrepancy IS 'postback_only'), " +
        $"{sign} * ({row}.reconcile_due_at IS NOT NULL), {sign} * ({row}.discrepancy IS 'amount_mismatch'), " +
        $"{sign} * ({row}.discrepancy IS 'currency_mismatch'), {sign} * {Money(row, "revenue", "approved")}, " +
        $"{sign} * {Money(row, "payout", "approved")}, {sign} * {Money(row, "revenue", "pending")}, {sign} * {Money(row, "payout", "pending")}";

    internal static string ConversionDelta(string row, int sign) => $"""
        INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, {ConversionColumns})
        VALUES ({string.Format(null, Quarter, row)}, {row}.offer_id, coalesce({row}.affiliate_id, 0), {row}.goal, {row}.is_test, coalesce({row}.currency, ''), 0, {ConversionValues(row, sign)})
        ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET {ConversionSums};
        INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, {ConversionColumns})
        VALUES ({string.Format(null, Quarter, row)}, {row}.is_test, coalesce({row}.currency, ''), 0, {ConversionValues(row, sign)})
        ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET {ConversionSums};
        """;

    internal static string HitDelta(string row, int sign) => $"""
        INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
        VALUES ({string.Format(null, HitQuarter, row)}, coalesce({row}.offer_id, 0), coalesce({row}.affiliate_id, 0), coalesce({row}.goal, ''), {row}.is_test, {row}.outcome, 0, {sign})
        ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
        INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits)
        VALUES ({string.Format(null, HitQuarter, row)}, {row}.is_test, {row}.outcome, 0, {sign})
        ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
        """;

    internal const string ConversionColumnsChanged =
        "created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout";
    internal const string HitColumnsChanged = "received_at, offer_id, affiliate_id, goal, is_test, outcome";

    private static readonly string[] Triggers =
    [
        $"CREATE TRIGGER conversions_rollup_insert AFTER INSERT ON conversions BEGIN {ConversionDelta("NEW", 1)} END;",
        $"CREATE TRIGGER conversions_rollup_delete AFTER DELETE ON conversions BEGIN {ConversionDelta("OLD", -1)} END;",
        $"CREATE TRIGGER conversions_rollup_update AFTER UPDATE OF {ConversionColumnsChanged} ON conversions " +
            $"BEGIN {ConversionDelta("OLD", -1)} {ConversionDelta("NEW", 1)} END;",
        $"CREATE TRIGGER hits_rollup_insert AFTER INSERT ON hits WHEN NEW.outcome IS NOT NULL BEGIN {HitDelta("NEW", 1)} END;",
        $"CREATE TRIGGER hits_rollup_delete AFTER DELETE ON hits WHEN OLD.outcome IS NOT NULL BEGIN {HitDelta("OLD", -1)} END;",
        $"CREATE TRIGGER hits_rollup_update_old AFTER UPDATE OF {HitColumnsChanged} ON hits WHEN OLD.outcome IS NOT NULL " +
            $"BEGIN {HitDelta("OLD", -1)} END;",
        $"CREATE TRIGGER hits_rollup_update_new AFTER UPDATE OF {HitColumnsChanged} ON hits WHEN NEW.outcome IS NOT NULL " +
            $"BEGIN {HitDelta("NEW", 1)} END;",
    ];

    internal static readonly string[] TriggerNames =
    [
        "conversions_rollup_insert", "conversions_rollup_delete", "conversions_rollup_update",
        "hits_rollup_insert", "hits_rollup_delete", "hits_rollup_update_old", "hits_rollup_update_new",
    ];

    private static string ConversionSelect(string keys) => $"""
        SELECT {keys}, 0, count(*), sum(pixel_hit_id IS NOT NULL AND postback_hit_id IS NOT NULL),
            sum(discrepancy IS 'pixel_only'), sum(discrepancy IS 'postback_only'), sum(reconcile_due_at IS NOT NULL),
            sum(discrepancy IS 'amount_mismatch'), sum(discrepancy IS 'currency_mismatch'),
            sum({Money("c", "revenue", "approved")}), sum({Money("c", "payout", "approved")}),
            sum({Money("c", "revenue", "pending")}), sum({Money("c", "payout", "pending")})
        FROM conversions c
        """;

    private static readonly string[] Backfill =
    [
        $"INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, {ConversionColumns}) " +
            ConversionSelect($"{string.Format(null, Quarter, "c")}, offer_id, coalesce(affiliate_id, 0), goal, is_test, coalesce(currency, '')") +
            " GROUP BY 1, 2, 3, 4, 5, 6;",
        $"INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, {ConversionColumns}) " +
            ConversionSelect($"{string.Format(null, Quarter, "c")}, is_test, coalesce(currency, '')") + " GROUP BY 1, 2, 3;",
        "INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits) " +
            $"SELECT {string.Format(null, HitQuarter, "h")}, coalesce(offer_id, 0), coalesce(affiliate_id, 0), coalesce(goal, ''), " +
            "is_test, outcome, 0, count(*) FROM hits h WHERE outcome IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;",
        "INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits) " +
            $"SELECT {string.Format(null, HitQuarter, "h")}, is_test, outcome, 0, count(*) FROM hits h WHERE outcome IS NOT NULL GROUP BY 1, 2, 3;",
    ];

    private static void CreateTriggers(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in Backfill) migrationBuilder.Sql(sql);
        foreach (var sql in Triggers) migrationBuilder.Sql(sql);
    }

    private static void DropTriggers(MigrationBuilder migrationBuilder)
    {
        foreach (var name in TriggerNames) migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {name};");
    }
}
