using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Sqlite.Migrations;

/// <summary>
/// Issue 13: the day rollups, kept by the same triggers as the quarter rollups (decision 0014), so that a report over 30 days
/// grouped by offer, affiliate or goal sums thousands of rows instead of a million. The triggers are recreated with one more
/// upsert each; the day rows of what exists are summed from the quarter rows.
/// </summary>
public partial class ReportDays
{
    /// <summary>A row's UTC day as its first quarter hour.</summary>
    private const string Day = "(" + ReportRollups.Quarter + ") / 96 * 96";
    private const string HitDay = "(" + ReportRollups.HitQuarter + ") / 96 * 96";

    internal static string ConversionDelta(string row, int sign) => ReportRollups.ConversionDelta(row, sign) + $"""

        INSERT INTO report_conversion_days (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, {ReportRollups.ConversionColumns})
        VALUES ({string.Format(null, Day, row)}, {row}.offer_id, coalesce({row}.affiliate_id, 0), {row}.goal, {row}.is_test, coalesce({row}.currency, ''), 0, {ReportRollups.ConversionValues(row, sign)})
        ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET {ReportRollups.ConversionSums};
        """;

    internal static string HitDelta(string row, int sign) => ReportRollups.HitDelta(row, sign) + $"""

        INSERT INTO report_hit_days (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
        VALUES ({string.Format(null, HitDay, row)}, coalesce({row}.offer_id, 0), coalesce({row}.affiliate_id, 0), coalesce({row}.goal, ''), {row}.is_test, {row}.outcome, 0, {sign})
        ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
        """;

    /// <summary>The seven rollup triggers over the given deltas (the delete trigger keeps decision 0015's pruning guard).</summary>
    internal static string[] Triggers(Func<string, int, string> conversion, Func<string, int, string> hit) =>
    [
        $"CREATE TRIGGER conversions_rollup_insert AFTER INSERT ON conversions BEGIN {conversion("NEW", 1)} END;",
        $"CREATE TRIGGER conversions_rollup_delete AFTER DELETE ON conversions BEGIN {conversion("OLD", -1)} END;",
        $"CREATE TRIGGER conversions_rollup_update AFTER UPDATE OF {ReportRollups.ConversionColumnsChanged} ON conversions " +
            $"BEGIN {conversion("OLD", -1)} {conversion("NEW", 1)} END;",
        $"CREATE TRIGGER hits_rollup_insert AFTER INSERT ON hits WHEN NEW.outcome IS NOT NULL BEGIN {hit("NEW", 1)} END;",
        $"{HitRetention.Delete} AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'pruning_hits') BEGIN {hit("OLD", -1)} END;",
        $"CREATE TRIGGER hits_rollup_update_old AFTER UPDATE OF {ReportRollups.HitColumnsChanged} ON hits WHEN OLD.outcome IS NOT NULL " +
            $"BEGIN {hit("OLD", -1)} END;",
        $"CREATE TRIGGER hits_rollup_update_new AFTER UPDATE OF {ReportRollups.HitColumnsChanged} ON hits WHEN NEW.outcome IS NOT NULL " +
            $"BEGIN {hit("NEW", 1)} END;",
    ];

    private static readonly string[] Backfill =
    [
        $"INSERT INTO report_conversion_days (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, {ReportRollups.ConversionColumns}) " +
            "SELECT quarter / 96 * 96, offer_id, affiliate_id, goal, is_test, currency, 0, sum(conversions), sum(both_methods), sum(pixel_only), " +
            "sum(postback_only), sum(awaiting), sum(amount_mismatch), sum(currency_mismatch), sum(revenue_e4), sum(payout_e4), " +
            "sum(pending_revenue_e4), sum(pending_payout_e4) FROM report_conversion_quarters GROUP BY 1, 2, 3, 4, 5, 6;",
        "INSERT INTO report_hit_days (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits) " +
            "SELECT quarter / 96 * 96, offer_id, affiliate_id, goal, is_test, outcome, 0, sum(hits) FROM report_hit_quarters GROUP BY 1, 2, 3, 4, 5, 6;",
    ];

    internal static void Recreate(MigrationBuilder migrationBuilder, string[] triggers)
    {
        foreach (var name in ReportRollups.TriggerNames) migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {name};");
        foreach (var sql in triggers) migrationBuilder.Sql(sql);
    }

    private static void CreateDayRollups(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in Backfill) migrationBuilder.Sql(sql);
        Recreate(migrationBuilder, Triggers(ConversionDelta, HitDelta));
    }

    private static void DropDayRollups(MigrationBuilder migrationBuilder) =>
        Recreate(migrationBuilder, Triggers(ReportRollups.ConversionDelta, ReportRollups.HitDelta));
}
