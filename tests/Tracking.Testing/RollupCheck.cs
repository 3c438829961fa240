using System.Data.Common;
using System.Globalization;
using Tracking.Infrastructure.Reporting;

namespace Tracking.Testing;

/// <summary>
/// The report rollups (kept by database triggers) against the rows they count: every bucket of the conversions and decided
/// hits, computed here in C# from the rows themselves (the quarter hour from the stored time), must equal the rollup tables
/// summed over their shards, and no rollup bucket may count anything the rows do not hold.
/// </summary>
public static class RollupCheck
{
    private const string Test = "CASE WHEN is_test THEN 1 ELSE 0 END";
    private const string Sums = "sum(conversions), sum(both_methods), sum(pixel_only), sum(postback_only), sum(awaiting), sum(amount_mismatch), " +
        "sum(currency_mismatch), sum(revenue_e4), sum(payout_e4), sum(pending_revenue_e4), sum(pending_payout_e4)";

    /// <summary>Checks the rollups over an open connection (SQLite or PostgreSQL).</summary>
    public static void AssertExact(DbConnection connection) => AssertExact(sql => Rows(connection, sql));

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

    /// <summary><paramref name="query"/> runs SQL (SQLite or PostgreSQL) and answers its rows' values.</summary>
    private static void AssertExact(Func<string, List<object?[]>> query)
    {
        var conversions = query($"SELECT created_at, offer_id, coalesce(affiliate_id, 0), goal, {Test}, " +
            "pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, coalesce(currency, ''), status, revenue, payout FROM conversions");
        var hits = query($"SELECT received_at, coalesce(offer_id, 0), coalesce(affiliate_id, 0), coalesce(goal, ''), {Test}, outcome FROM hits WHERE outcome IS NOT NULL");

        Assert.Equal(Counted(conversions, [1, 2, 3, 4, 9]),
            Read(query($"SELECT quarter, offer_id, affiliate_id, goal, {Test}, currency, {Sums} FROM report_conversion_quarters " +
                "GROUP BY quarter, offer_id, affiliate_id, goal, is_test, currency"), 6));
        Assert.Equal(Counted(conversions, [4, 9]),
            Read(query($"SELECT quarter, {Test}, currency, {Sums} FROM report_conversion_totals GROUP BY quarter, is_test, currency"), 3));
        Assert.Equal(Tally(hits, [1, 2, 3, 4, 5]),
            Read(query($"SELECT quarter, offer_id, affiliate_id, goal, {Test}, outcome, sum(hits) FROM report_hit_quarters GROUP BY quarter, offer_id, affiliate_id, goal, is_test, outcome"), 6));
        Assert.Equal(Tally(hits, [4, 5]),
            Read(query($"SELECT quarter, {Test}, outcome, sum(hits) FROM report_hit_totals GROUP BY quarter, is_test, outcome"), 3));
        // Issue 13: the day rollups, keyed by the day's first quarter hour.
        Assert.Equal(Counted(conversions, [1, 2, 3, 4, 9], Quarters.PerDay),
            Read(query($"SELECT quarter, offer_id, affiliate_id, goal, {Test}, currency, {Sums} FROM report_conversion_days " +
                "GROUP BY quarter, offer_id, affiliate_id, goal, is_test, currency"), 6));
        Assert.Equal(Tally(hits, [1, 2, 3, 4, 5], Quarters.PerDay),
            Read(query($"SELECT quarter, offer_id, affiliate_id, goal, {Test}, outcome, sum(hits) FROM report_hit_days GROUP BY quarter, offer_id, affiliate_id, goal, is_test, outcome"), 6));
    }

    /// <summary>The conversions' counts per quarter hour (or per <paramref name="quarters"/>) and the given key columns.</summary>
    private static SortedDictionary<string, string> Counted(List<object?[]> rows, int[] keys, long quarters = 1) => new(rows
        .GroupBy(r => Key(r, keys, quarters))
        .ToDictionary(g => g.Key, g =>
        {
            var c = g.ToList();
            return string.Join(",", c.Count, c.Count(r => r[5] is not null && r[6] is not null), c.Count(r => Equals(r[7], "pixel_only")),
                c.Count(r => Equals(r[7], "postback_only")), c.Count(r => r[8] is not null), c.Count(r => Equals(r[7], "amount_mismatch")),
                c.Count(r => Equals(r[7], "currency_mismatch")), E4(c, "approved", 11), E4(c, "approved", 12), E4(c, "pending", 11), E4(c, "pending", 12));
        }), StringComparer.Ordinal);

    /// <summary>The decided hits per quarter hour (or per <paramref name="quarters"/>) and the given key columns.</summary>
    private static SortedDictionary<string, string> Tally(List<object?[]> rows, int[] keys, long quarters = 1) => new(rows
        .GroupBy(r => Key(r, keys, quarters)).ToDictionary(g => g.Key, g => g.Count().ToString(CultureInfo.InvariantCulture)), StringComparer.Ordinal);

    private static string Key(object?[] row, int[] keys, long quarters) =>
        string.Join("|", keys.Select(k => Text(row[k])).Prepend((Quarter(row[0]) / quarters * quarters).ToString(CultureInfo.InvariantCulture)));

    /// <summary>A rollup query's rows as key → counts; a bucket whose counts all went back to 0 counts nothing.</summary>
    private static SortedDictionary<string, string> Read(List<object?[]> rows, int keys) => new(rows
        .Select(r => (Key: string.Join("|", r[..keys].Select(Text)), Counts: r[keys..].Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray()))
        .Where(r => r.Counts.Any(n => n != 0))
        .ToDictionary(r => r.Key, r => string.Join(",", r.Counts)), StringComparer.Ordinal);

    /// <summary>The money of column <paramref name="column"/> of the conversions with <paramref name="status"/>, in ten-thousandths.</summary>
    private static long E4(List<object?[]> rows, string status, int column) =>
        rows.Where(r => Equals(r[10], status)).Sum(r => (long)(Convert.ToDecimal(r[column], CultureInfo.InvariantCulture) * 10_000m));

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static long Quarter(object? value) => Quarters.Of(value switch
    {
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        DateTimeOffset o => o.UtcDateTime,
        string s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => throw new InvalidOperationException($"not a time: {value}"),
    });
}
