namespace Tracking.Infrastructure.Reporting;

/// <summary>
/// The report rollups of a chunk's conversions and hits, summed per rollup row in one statement each (issue 13,
/// SQLite). The rollup triggers (decision 0014) add a row's counts with three upserts each time a row changes; the
/// worker's save (<c>PreparedSave</c>) instead writes the settings row <see cref="Marker"/> in its transaction, which the
/// triggers read as "skip", subtracts what the rows it updates counted before, writes the rows, and adds what they count
/// after: at most a dozen grouped upserts for a chunk of 64 hits instead of ~400 single-row ones. The expressions are the
/// triggers' own (migration <c>ReportRollups</c> and <c>ReportDays</c>), so both ways give the same rows, which
/// <c>RollupCheck</c> compares after every test that changes conversions.
/// </summary>
internal static class ChunkRollups
{
    /// <summary>The <c>settings</c> row that tells the rollup triggers this transaction keeps the rollups itself.</summary>
    public const string Marker = "rollups_by_statement";

    /// <summary>The columns whose change changes what a row counts: the rollup triggers' <c>UPDATE OF</c> lists.</summary>
    public static readonly string[] ConversionColumnsCounted = ["created_at", "offer_id", "affiliate_id", "goal", "is_test", "pixel_hit_id",
        "postback_hit_id", "discrepancy", "reconcile_due_at", "status", "currency", "revenue", "payout"];
    public static readonly string[] HitColumnsCounted = ["received_at", "offer_id", "affiliate_id", "goal", "is_test", "outcome"];

    private const string ConversionQuarter = "CAST(strftime('%s', substr(c.created_at, 1, 16)) AS INTEGER) / 900";
    private const string HitQuarter = "CAST(strftime('%s', substr(h.received_at, 1, 16)) AS INTEGER) / 900";
    private const string ConversionColumns = "conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, " +
        "currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4";
    private const string ConversionSums =
        "conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, " +
        "pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, " +
        "awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, " +
        "currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, " +
        "payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, " +
        "pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4";

    /// <summary>The conversions named by the JSON array <c>@ids</c>, counted with <paramref name="sign"/> (+1 or -1).</summary>
    public static string Conversions(int sign)
    {
        var sums = $"sum({sign}), sum({sign} * (c.pixel_hit_id IS NOT NULL AND c.postback_hit_id IS NOT NULL)), " +
            $"sum({sign} * (c.discrepancy IS 'pixel_only')), sum({sign} * (c.discrepancy IS 'postback_only')), " +
            $"sum({sign} * (c.reconcile_due_at IS NOT NULL)), sum({sign} * (c.discrepancy IS 'amount_mismatch')), " +
            $"sum({sign} * (c.discrepancy IS 'currency_mismatch')), sum({sign} * {Money("revenue", "approved")}), " +
            $"sum({sign} * {Money("payout", "approved")}), sum({sign} * {Money("revenue", "pending")}), sum({sign} * {Money("payout", "pending")})";
        const string Rows = "FROM conversions AS c WHERE c.id IN (SELECT value FROM json_each(@ids))";
        return $"""
            INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, {ConversionColumns})
            SELECT {ConversionQuarter}, c.offer_id, coalesce(c.affiliate_id, 0), c.goal, c.is_test, coalesce(c.currency, ''), 0, {sums}
            {Rows} GROUP BY 1, 2, 3, 4, 5, 6
            ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET {ConversionSums};
            INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, {ConversionColumns})
            SELECT {ConversionQuarter}, c.is_test, coalesce(c.currency, ''), 0, {sums}
            {Rows} GROUP BY 1, 2, 3
            ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET {ConversionSums};
            INSERT INTO report_conversion_days (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, {ConversionColumns})
            SELECT ({ConversionQuarter}) / 96 * 96, c.offer_id, coalesce(c.affiliate_id, 0), c.goal, c.is_test, coalesce(c.currency, ''), 0, {sums}
            {Rows} GROUP BY 1, 2, 3, 4, 5, 6
            ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET {ConversionSums};
            """;
    }

    /// <summary>The decided hits named by the JSON array <c>@ids</c>, counted with <paramref name="sign"/> (+1 or -1).</summary>
    public static string Hits(int sign)
    {
        const string Rows = "FROM hits AS h WHERE h.id IN (SELECT value FROM json_each(@ids)) AND h.outcome IS NOT NULL";
        const string Keys = "coalesce(h.offer_id, 0), coalesce(h.affiliate_id, 0), coalesce(h.goal, ''), h.is_test, h.outcome, 0";
        return $"""
            INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
            SELECT {HitQuarter}, {Keys}, sum({sign}) {Rows} GROUP BY 1, 2, 3, 4, 5, 6
            ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
            INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits)
            SELECT {HitQuarter}, h.is_test, h.outcome, 0, sum({sign}) {Rows} GROUP BY 1, 2, 3
            ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
            INSERT INTO report_hit_days (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
            SELECT ({HitQuarter}) / 96 * 96, {Keys}, sum({sign}) {Rows} GROUP BY 1, 2, 3, 4, 5, 6
            ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
            """;
    }

    /// <summary>
    /// The same sums on PostgreSQL, where the transaction-local setting <see cref="Setting"/> tells the rollup
    /// trigger functions to skip (migration <c>RollupsByStatement</c>). The expressions are the delta functions' own
    /// (migrations <c>ReportRollups</c> and <c>ReportDays</c>), including the shard of the backend that writes; the rows are
    /// upserted in key order, so that two workers that share a shard lock them in the same order. The keys are the text
    /// arrays <c>@conversions</c> and <c>@hits</c>.
    /// </summary>
    public static class Postgres
    {
        /// <summary>The setting (<c>set_config(..., true)</c>, gone at the transaction's end) that the trigger functions read as "skip".</summary>
        public const string Setting = "tracking.rollups_by_statement";

        private const string Quarter = "floor(extract(epoch FROM c.created_at) / 900)::bigint";
        private const string HitQuarter = "floor(extract(epoch FROM h.received_at) / 900)::bigint";
        private const string Shard = "pg_backend_pid() % 8";
        private const string Sums =
            "conversions = r.conversions + excluded.conversions, both_methods = r.both_methods + excluded.both_methods, " +
            "pixel_only = r.pixel_only + excluded.pixel_only, postback_only = r.postback_only + excluded.postback_only, " +
            "awaiting = r.awaiting + excluded.awaiting, amount_mismatch = r.amount_mismatch + excluded.amount_mismatch, " +
            "currency_mismatch = r.currency_mismatch + excluded.currency_mismatch, revenue_e4 = r.revenue_e4 + excluded.revenue_e4, " +
            "payout_e4 = r.payout_e4 + excluded.payout_e4, pending_revenue_e4 = r.pending_revenue_e4 + excluded.pending_revenue_e4, " +
            "pending_payout_e4 = r.pending_payout_e4 + excluded.pending_payout_e4";

        /// <summary>The conversions named by <c>@conversions</c>, counted with <paramref name="sign"/> (+1 or -1): one statement per rollup table.</summary>
        public static string[] Conversions(int sign)
        {
            var sums = $"sum({sign}), sum({sign} * (c.pixel_hit_id IS NOT NULL AND c.postback_hit_id IS NOT NULL)::int), " +
                $"sum({sign} * (c.discrepancy IS NOT DISTINCT FROM 'pixel_only')::int), sum({sign} * (c.discrepancy IS NOT DISTINCT FROM 'postback_only')::int), " +
                $"sum({sign} * (c.reconcile_due_at IS NOT NULL)::int), sum({sign} * (c.discrepancy IS NOT DISTINCT FROM 'amount_mismatch')::int), " +
                $"sum({sign} * (c.discrepancy IS NOT DISTINCT FROM 'currency_mismatch')::int), sum({sign} * {Money("revenue", "approved")}), " +
                $"sum({sign} * {Money("payout", "approved")}), sum({sign} * {Money("revenue", "pending")}), sum({sign} * {Money("payout", "pending")})";
            const string Rows = "FROM conversions AS c WHERE c.id = ANY(@conversions)";
            return Statements($"""
                INSERT INTO report_conversion_quarters AS r (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, {ConversionColumns})
                SELECT {Quarter}, c.offer_id, coalesce(c.affiliate_id, 0), c.goal, c.is_test, coalesce(c.currency, ''), {Shard}, {sums}
                {Rows} GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
                ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET {Sums};
                INSERT INTO report_conversion_days AS r (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, {ConversionColumns})
                SELECT {Quarter} / 96 * 96, c.offer_id, coalesce(c.affiliate_id, 0), c.goal, c.is_test, coalesce(c.currency, ''), {Shard}, {sums}
                {Rows} GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
                ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET {Sums};
                INSERT INTO report_conversion_totals AS r (quarter, is_test, currency, shard, {ConversionColumns})
                SELECT {Quarter}, c.is_test, coalesce(c.currency, ''), {Shard}, {sums}
                {Rows} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET {Sums};
                """);
        }

        /// <summary>The decided hits named by <c>@hits</c>, counted with <paramref name="sign"/> (+1 or -1): one statement per rollup table.</summary>
        public static string[] Hits(int sign)
        {
            const string Rows = "FROM hits AS h WHERE h.id = ANY(@hits) AND h.outcome IS NOT NULL";
            const string Keys = "coalesce(h.offer_id, 0), coalesce(h.affiliate_id, 0), coalesce(h.goal, ''), h.is_test, h.outcome";
            return Statements($"""
                INSERT INTO report_hit_quarters AS r (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
                SELECT {HitQuarter}, {Keys}, {Shard}, sum({sign}) {Rows} GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
                ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = r.hits + excluded.hits;
                INSERT INTO report_hit_days AS r (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
                SELECT {HitQuarter} / 96 * 96, {Keys}, {Shard}, sum({sign}) {Rows} GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
                ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = r.hits + excluded.hits;
                INSERT INTO report_hit_totals AS r (quarter, is_test, outcome, shard, hits)
                SELECT {HitQuarter}, h.is_test, h.outcome, {Shard}, sum({sign}) {Rows} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = r.hits + excluded.hits;
                """);
        }

        private static string Money(string column, string status) =>
            $"(CASE WHEN c.status = '{status}' THEN (c.{column} * 10000)::bigint ELSE 0 END)";

        /// <summary>The statements of <paramref name="sql"/> (none holds a semicolon of its own), each for a command of a batch.</summary>
        private static string[] Statements(string sql) => sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Money in ten-thousandths of a unit when the conversion has <paramref name="status"/> (decimals are text here).</summary>
    private static string Money(string column, string status) =>
        $"(CASE WHEN c.status = '{status}' THEN CAST(round(c.{column} * 10000) AS INTEGER) ELSE 0 END)";
}
