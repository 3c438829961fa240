using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.SqlServer.Migrations;

/// <summary>
/// Issue 13: the day rollups, merged by the same statement triggers as the quarter rollups (decision 0014), so that a report
/// over 30 days grouped by offer, affiliate or goal sums thousands of rows instead of a million. The triggers are recreated
/// with one more MERGE each; the day rows of what exists are summed from the quarter rows.
/// </summary>
public partial class ReportDays
{
    private const string Day = "DATEDIFF_BIG(SECOND, '19700101', {0}) / 900 / 96 * 96";

    private static readonly ReportRollups.Rollup ConversionDays = new("report_conversion_days",
        [(string.Format(null, Day, "created_at"), "quarter"), ("offer_id", "offer_id"), ("COALESCE(affiliate_id, 0)", "affiliate_id"), ("goal", "goal"),
         ("is_test", "is_test"), ("COALESCE(currency, '')", "currency")], ReportRollups.ConversionCounts);

    private static readonly ReportRollups.Rollup HitDays = new("report_hit_days",
        [(string.Format(null, Day, "received_at"), "quarter"), ("COALESCE(offer_id, 0)", "offer_id"), ("COALESCE(affiliate_id, 0)", "affiliate_id"),
         ("COALESCE(goal, '')", "goal"), ("is_test", "is_test"), ("outcome", "outcome")], ReportRollups.HitCounts);

    private static readonly string[] Backfill =
    [
        "INSERT INTO report_conversion_days (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, " +
            "postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4) " +
            "SELECT quarter / 96 * 96, offer_id, affiliate_id, goal, is_test, currency, 0, SUM(conversions), SUM(both_methods), SUM(pixel_only), " +
            "SUM(postback_only), SUM(awaiting), SUM(amount_mismatch), SUM(currency_mismatch), SUM(revenue_e4), SUM(payout_e4), " +
            "SUM(pending_revenue_e4), SUM(pending_payout_e4) FROM report_conversion_quarters " +
            "GROUP BY quarter / 96 * 96, offer_id, affiliate_id, goal, is_test, currency;",
        "INSERT INTO report_hit_days (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits) " +
            "SELECT quarter / 96 * 96, offer_id, affiliate_id, goal, is_test, outcome, 0, SUM(hits) FROM report_hit_quarters " +
            "GROUP BY quarter / 96 * 96, offer_id, affiliate_id, goal, is_test, outcome;",
    ];

    private static void Recreate(MigrationBuilder migrationBuilder, ReportRollups.Rollup[] conversions, ReportRollups.Rollup[] hits)
    {
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS conversions_rollup;");
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS hits_rollup;");
        migrationBuilder.Sql(ReportRollups.Trigger("conversions_rollup", "conversions", ReportRollups.ConversionColumns, "", conversions));
        migrationBuilder.Sql(ReportRollups.Trigger("hits_rollup", "hits", ReportRollups.HitColumns, " WHERE outcome IS NOT NULL", hits, HitRetention.Guard));
    }

    private static void CreateDayRollups(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in Backfill) migrationBuilder.Sql(sql);
        Recreate(migrationBuilder, [.. ReportRollups.ConversionRollups, ConversionDays], [.. ReportRollups.HitRollups, HitDays]);
    }

    private static void DropDayRollups(MigrationBuilder migrationBuilder) =>
        Recreate(migrationBuilder, ReportRollups.ConversionRollups, ReportRollups.HitRollups);
}
