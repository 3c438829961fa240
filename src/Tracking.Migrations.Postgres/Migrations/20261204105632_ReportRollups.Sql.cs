using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Postgres.Migrations;

/// <summary>
/// The triggers that keep the report rollups exact (decision 0014), and the backfill of the rows that existed before them.
/// Each backend writes its own shard (pid modulo 8), so two workers deciding hits of one offer do not queue on one row.
/// </summary>
public partial class ReportRollups
{
    internal const string ConversionColumns = "conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, " +
        "revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4";
    internal const string ConversionSums =
        "conversions = r.conversions + excluded.conversions, both_methods = r.both_methods + excluded.both_methods, " +
        "pixel_only = r.pixel_only + excluded.pixel_only, postback_only = r.postback_only + excluded.postback_only, " +
        "awaiting = r.awaiting + excluded.awaiting, amount_mismatch = r.amount_mismatch + excluded.amount_mismatch, " +
        "currency_mismatch = r.currency_mismatch + excluded.currency_mismatch, revenue_e4 = r.revenue_e4 + excluded.revenue_e4, " +
        "payout_e4 = r.payout_e4 + excluded.payout_e4, pending_revenue_e4 = r.pending_revenue_e4 + excluded.pending_revenue_e4, " +
        "pending_payout_e4 = r.pending_payout_e4 + excluded.pending_payout_e4";
    internal const string ConversionValues =
        "d, d * (c.pixel_hit_id IS NOT NULL AND c.postback_hit_id IS NOT NULL)::int, " +
        "d * (c.discrepancy IS NOT DISTINCT FROM 'pixel_only')::int, d * (c.discrepancy IS NOT DISTINCT FROM 'postback_only')::int, " +
        "d * (c.reconcile_due_at IS NOT NULL)::int, d * (c.discrepancy IS NOT DISTINCT FROM 'amount_mismatch')::int, " +
        "d * (c.discrepancy IS NOT DISTINCT FROM 'currency_mismatch')::int, " +
        "d * (CASE WHEN c.status = 'approved' THEN (c.revenue * 10000)::bigint ELSE 0 END), d * (CASE WHEN c.status = 'approved' THEN (c.payout * 10000)::bigint ELSE 0 END), " +
        "d * (CASE WHEN c.status = 'pending' THEN (c.revenue * 10000)::bigint ELSE 0 END), d * (CASE WHEN c.status = 'pending' THEN (c.payout * 10000)::bigint ELSE 0 END)";

    internal static readonly string[] Functions =
    [
        $"""
        CREATE FUNCTION report_conversion_delta(c conversions, d integer) RETURNS void LANGUAGE plpgsql AS $fn$
        DECLARE
            q bigint := floor(extract(epoch FROM c.created_at) / 900)::bigint;
            s integer := pg_backend_pid() % 8;
        BEGIN
            INSERT INTO report_conversion_quarters AS r (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, {ConversionColumns})
            VALUES (q, c.offer_id, coalesce(c.affiliate_id, 0), c.goal, c.is_test, coalesce(c.currency, ''), s, {ConversionValues})
            ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET {ConversionSums};
            INSERT INTO report_conversion_totals AS r (quarter, is_test, currency, shard, {ConversionColumns})
            VALUES (q, c.is_test, coalesce(c.currency, ''), s, {ConversionValues})
            ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET {ConversionSums};
        END $fn$;
        """,
        """
        CREATE FUNCTION report_hit_delta(h hits, d integer) RETURNS void LANGUAGE plpgsql AS $fn$
        DECLARE
            q bigint := floor(extract(epoch FROM h.received_at) / 900)::bigint;
            s integer := pg_backend_pid() % 8;
        BEGIN
            IF h.outcome IS NULL THEN RETURN; END IF;
            INSERT INTO report_hit_quarters AS r (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
            VALUES (q, coalesce(h.offer_id, 0), coalesce(h.affiliate_id, 0), coalesce(h.goal, ''), h.is_test, h.outcome, s, d)
            ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = r.hits + excluded.hits;
            INSERT INTO report_hit_totals AS r (quarter, is_test, outcome, shard, hits)
            VALUES (q, h.is_test, h.outcome, s, d)
            ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = r.hits + excluded.hits;
        END $fn$;
        """,
        """
        CREATE FUNCTION conversions_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP <> 'INSERT' THEN PERFORM report_conversion_delta(OLD, -1); END IF;
            IF TG_OP <> 'DELETE' THEN PERFORM report_conversion_delta(NEW, 1); END IF;
            RETURN NULL;
        END $fn$;
        """,
        """
        CREATE FUNCTION hits_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP <> 'INSERT' THEN PERFORM report_hit_delta(OLD, -1); END IF;
            IF TG_OP <> 'DELETE' THEN PERFORM report_hit_delta(NEW, 1); END IF;
            RETURN NULL;
        END $fn$;
        """,
    ];

    private static readonly string[] Triggers =
    [
        "CREATE TRIGGER conversions_rollup AFTER INSERT OR DELETE OR UPDATE OF created_at, offer_id, affiliate_id, goal, is_test, " +
            "pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout ON conversions FOR EACH ROW EXECUTE FUNCTION conversions_rollup();",
        // Most hits arrive undecided: the insert trigger only runs for the ones refused at the door.
        "CREATE TRIGGER hits_rollup_insert AFTER INSERT ON hits FOR EACH ROW WHEN (NEW.outcome IS NOT NULL) EXECUTE FUNCTION hits_rollup();",
        "CREATE TRIGGER hits_rollup AFTER DELETE OR UPDATE OF received_at, offer_id, affiliate_id, goal, is_test, outcome ON hits " +
            "FOR EACH ROW EXECUTE FUNCTION hits_rollup();",
    ];

    private const string ConversionAggregates =
        "count(*), count(*) FILTER (WHERE pixel_hit_id IS NOT NULL AND postback_hit_id IS NOT NULL), " +
        "count(*) FILTER (WHERE discrepancy = 'pixel_only'), count(*) FILTER (WHERE discrepancy = 'postback_only'), " +
        "count(*) FILTER (WHERE reconcile_due_at IS NOT NULL), count(*) FILTER (WHERE discrepancy = 'amount_mismatch'), " +
        "count(*) FILTER (WHERE discrepancy = 'currency_mismatch'), " +
        "coalesce(sum((revenue * 10000)::bigint) FILTER (WHERE status = 'approved'), 0), coalesce(sum((payout * 10000)::bigint) FILTER (WHERE status = 'approved'), 0), " +
        "coalesce(sum((revenue * 10000)::bigint) FILTER (WHERE status = 'pending'), 0), coalesce(sum((payout * 10000)::bigint) FILTER (WHERE status = 'pending'), 0)";

    /// <summary>The rollups of rows that exist without them; bench/ConsoleData fills a bulk-loaded database with the same.</summary>
    internal static readonly string[] Backfill =
    [
        $"INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, {ConversionColumns}) " +
            "SELECT floor(extract(epoch FROM created_at) / 900)::bigint, offer_id, coalesce(affiliate_id, 0), goal, is_test, coalesce(currency, ''), 0, " +
            $"{ConversionAggregates} FROM conversions GROUP BY 1, 2, 3, 4, 5, 6;",
        $"INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, {ConversionColumns}) " +
            $"SELECT floor(extract(epoch FROM created_at) / 900)::bigint, is_test, coalesce(currency, ''), 0, {ConversionAggregates} FROM conversions GROUP BY 1, 2, 3;",
        "INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits) " +
            "SELECT floor(extract(epoch FROM received_at) / 900)::bigint, coalesce(offer_id, 0), coalesce(affiliate_id, 0), " +
            "coalesce(goal, ''), is_test, outcome, 0, count(*) FROM hits WHERE outcome IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;",
        "INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits) " +
            "SELECT floor(extract(epoch FROM received_at) / 900)::bigint, is_test, outcome, 0, count(*) FROM hits " +
            "WHERE outcome IS NOT NULL GROUP BY 1, 2, 3;",
    ];

    private static void CreateTriggers(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in Backfill) migrationBuilder.Sql(sql);
        foreach (var sql in Functions) migrationBuilder.Sql(sql);
        foreach (var sql in Triggers) migrationBuilder.Sql(sql);
    }

    private static void DropTriggers(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS conversions_rollup ON conversions;");
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS hits_rollup_insert ON hits;");
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS hits_rollup ON hits;");
        foreach (var f in new[] { "conversions_rollup()", "hits_rollup()", "report_conversion_delta(conversions, integer)", "report_hit_delta(hits, integer)" })
            migrationBuilder.Sql($"DROP FUNCTION IF EXISTS {f};");
    }
}
