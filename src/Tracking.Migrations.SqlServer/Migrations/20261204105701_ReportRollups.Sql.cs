using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.SqlServer.Migrations;

/// <summary>
/// The triggers that keep the report rollups exact (decision 0014), and the backfill of the rows that existed before them.
/// SQL Server triggers run once per statement: the changed rows of <c>inserted</c> (+1) and <c>deleted</c> (-1) are summed per
/// bucket and merged. Each session writes its own shard (@@SPID modulo 8). CREATE TRIGGER must start a batch, so it runs through
/// EXEC (which also keeps the idempotent script valid).
/// </summary>
public partial class ReportRollups
{
    internal sealed record Rollup(string Table, (string Expression, string Name)[] Keys, (string Sum, string Name)[] Counts);

    internal static readonly (string, string)[] ConversionCounts =
    [
        ("SUM(sign)", "conversions"),
        ("SUM(CASE WHEN pixel_hit_id IS NOT NULL AND postback_hit_id IS NOT NULL THEN sign ELSE 0 END)", "both_methods"),
        ("SUM(CASE WHEN discrepancy = 'pixel_only' THEN sign ELSE 0 END)", "pixel_only"),
        ("SUM(CASE WHEN discrepancy = 'postback_only' THEN sign ELSE 0 END)", "postback_only"),
        ("SUM(CASE WHEN reconcile_due_at IS NOT NULL THEN sign ELSE 0 END)", "awaiting"),
        ("SUM(CASE WHEN discrepancy = 'amount_mismatch' THEN sign ELSE 0 END)", "amount_mismatch"),
        ("SUM(CASE WHEN discrepancy = 'currency_mismatch' THEN sign ELSE 0 END)", "currency_mismatch"),
        ("SUM(CASE WHEN status = 'approved' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END)", "revenue_e4"),
        ("SUM(CASE WHEN status = 'approved' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END)", "payout_e4"),
        ("SUM(CASE WHEN status = 'pending' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END)", "pending_revenue_e4"),
        ("SUM(CASE WHEN status = 'pending' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END)", "pending_payout_e4"),
    ];

    internal static readonly (string, string)[] HitCounts = [("SUM(sign)", "hits")];

    internal static readonly Rollup[] ConversionRollups =
    [
        new("report_conversion_quarters",
            [("DATEDIFF_BIG(SECOND, '19700101', created_at) / 900", "quarter"), ("offer_id", "offer_id"),
             ("COALESCE(affiliate_id, 0)", "affiliate_id"), ("goal", "goal"), ("is_test", "is_test"), ("COALESCE(currency, '')", "currency")],
            ConversionCounts),
        new("report_conversion_totals",
            [("DATEDIFF_BIG(SECOND, '19700101', created_at) / 900", "quarter"), ("is_test", "is_test"), ("COALESCE(currency, '')", "currency")],
            ConversionCounts),
    ];

    internal static readonly Rollup[] HitRollups =
    [
        new("report_hit_quarters",
            [("DATEDIFF_BIG(SECOND, '19700101', received_at) / 900", "quarter"), ("COALESCE(offer_id, 0)", "offer_id"),
             ("COALESCE(affiliate_id, 0)", "affiliate_id"), ("COALESCE(goal, '')", "goal"), ("is_test", "is_test"), ("outcome", "outcome")], HitCounts),
        new("report_hit_totals",
            [("DATEDIFF_BIG(SECOND, '19700101', received_at) / 900", "quarter"), ("is_test", "is_test"), ("outcome", "outcome")], HitCounts),
    ];

    internal const string ConversionColumns =
        "created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout";
    internal const string HitColumns = "received_at, offer_id, affiliate_id, goal, is_test, outcome";

    /// <summary>The rows' buckets and summed counts: <c>SELECT keys, sums FROM (source) s GROUP BY keys</c>.</summary>
    private static string Grouped(Rollup r, string source) =>
        $"SELECT {string.Join(", ", r.Keys.Select(k => $"{k.Expression} AS {k.Name}"))}, {string.Join(", ", r.Counts.Select(c => $"{c.Sum} AS {c.Name}"))} " +
        $"FROM ({source}) s GROUP BY {string.Join(", ", r.Keys.Select(k => k.Expression))}";

    private static string Merge(Rollup r, string source) =>
        $"MERGE {r.Table} WITH (HOLDLOCK) AS r USING ({Grouped(r, source)}) AS d " +
        $"ON {string.Join(" AND ", r.Keys.Select(k => $"r.{k.Name} = d.{k.Name}"))} AND r.shard = @@SPID % 8 " +
        $"WHEN MATCHED THEN UPDATE SET {string.Join(", ", r.Counts.Select(c => $"{c.Name} = r.{c.Name} + d.{c.Name}"))} " +
        $"WHEN NOT MATCHED THEN INSERT ({string.Join(", ", r.Keys.Select(k => k.Name))}, shard, {string.Join(", ", r.Counts.Select(c => c.Name))}) " +
        $"VALUES ({string.Join(", ", r.Keys.Select(k => "d." + k.Name))}, @@SPID % 8, {string.Join(", ", r.Counts.Select(c => "d." + c.Name))});";

    internal static string Trigger(string name, string table, string columns, string filter, Rollup[] rollups, string guard = "")
    {
        var changes = $"SELECT {columns}, 1 AS sign FROM inserted{filter} UNION ALL SELECT {columns}, -1 AS sign FROM deleted{filter}";
        var body = $"""
            CREATE TRIGGER {name} ON {table} AFTER INSERT, UPDATE, DELETE AS
            BEGIN
                SET NOCOUNT ON;{guard}
                IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
                    AND NOT ({string.Join(" OR ", columns.Split(", ").Select(c => $"UPDATE({c})"))}) RETURN;
                {string.Join("\n    ", rollups.Select(r => Merge(r, changes)))}
            END
            """;
        return $"EXEC(N'{body.Replace("'", "''", StringComparison.Ordinal)}');";
    }

    private static string Backfill(Rollup r, string source) =>
        $"INSERT INTO {r.Table} ({string.Join(", ", r.Keys.Select(k => k.Name))}, {string.Join(", ", r.Counts.Select(c => c.Name))}, shard) " +
        $"SELECT g.*, 0 FROM ({Grouped(r, source)}) g;";

    private static void CreateTriggers(MigrationBuilder migrationBuilder)
    {
        foreach (var r in ConversionRollups) migrationBuilder.Sql(Backfill(r, $"SELECT {ConversionColumns}, 1 AS sign FROM conversions"));
        foreach (var r in HitRollups) migrationBuilder.Sql(Backfill(r, $"SELECT {HitColumns}, 1 AS sign FROM hits WHERE outcome IS NOT NULL"));
        migrationBuilder.Sql(Trigger("conversions_rollup", "conversions", ConversionColumns, "", ConversionRollups));
        migrationBuilder.Sql(Trigger("hits_rollup", "hits", HitColumns, " WHERE outcome IS NOT NULL", HitRollups));
    }

    private static void DropTriggers(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS conversions_rollup;");
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS hits_rollup;");
    }
}
