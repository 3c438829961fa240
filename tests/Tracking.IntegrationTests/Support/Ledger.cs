using Npgsql;

namespace Tracking.IntegrationTests.Support;

/// <summary>What the database holds after a run, checked against what was acknowledged: nothing lost, nothing counted twice.</summary>
public sealed record Ledger(int Hits, int Undecided, int Conversions, int Duplicates, int Merged)
{
    public override string ToString() =>
        $"{Hits} hits ({Undecided} undecided), {Conversions} conversions, {Merged} merged, {Duplicates} duplicates";

    public static async Task<int> UndecidedAsync(string database) => (int)await ScalarAsync(database, "SELECT count(*) FROM hits WHERE decided_at IS NULL");

    /// <summary>Waits until every hit is decided (the relay and redeliveries included).</summary>
    public static Task WaitAllDecidedAsync(string database, TimeSpan timeout) =>
        Eventually.Until(() => UndecidedAsync(database), n => n == 0, timeout, "every hit to be decided");

    /// <summary>
    /// Asserts every acknowledged postback is decided into a conversion, one conversion per order and dedup key, each
    /// conversion counting exactly the duplicates that point at it and one hit per method; returns the totals.
    /// </summary>
    public static async Task<Ledger> AssertExactlyOnceAsync(string database, IEnumerable<(string HitId, string Order)> acknowledged)
    {
        var hits = (await RowsAsync(database, "SELECT id, outcome, conversion_id FROM hits",
            r => (Id: r.GetString(0), Outcome: r.IsDBNull(1) ? null : r.GetString(1), Conversion: r.IsDBNull(2) ? null : r.GetString(2))))
            .ToDictionary(h => h.Id);
        var conversions = await RowsAsync(database,
            "SELECT id, dedup_key, duplicate_count, (pixel_hit_id IS NOT NULL)::int + (postback_hit_id IS NOT NULL)::int FROM conversions",
            r => (Id: r.GetString(0), Key: r.GetString(1), Duplicates: r.GetInt32(2), Methods: r.GetInt32(3)));

        var acked = acknowledged.ToList();
        Assert.All(acked, a => Assert.Contains(hits[a.HitId].Outcome, new[] { "converted", "merged", "duplicate" }));
        Assert.Equal(conversions.Count, conversions.Select(c => c.Key).Distinct().Count());
        var keys = conversions.Select(c => c.Key).ToHashSet();
        Assert.All(acked.Select(a => a.Order).Distinct(), order => Assert.Contains("o:" + order, keys));
        var byConversion = hits.Values.Where(h => h.Conversion is not null).ToLookup(h => h.Conversion!);
        Assert.All(conversions, c =>
        {
            Assert.Equal(c.Duplicates, byConversion[c.Id].Count(h => h.Outcome == "duplicate"));
            Assert.Equal(c.Methods, byConversion[c.Id].Count(h => h.Outcome is "converted" or "merged"));
        });
        return new Ledger(hits.Count, hits.Values.Count(h => h.Outcome is null), conversions.Count,
            hits.Values.Count(h => h.Outcome == "duplicate"), hits.Values.Count(h => h.Outcome == "merged"));
    }

    public static async Task<long> ScalarAsync(string database, string sql) =>
        Convert.ToInt64((await RowsAsync(database, sql, r => r.GetValue(0))).Single());

    public static async Task<List<T>> RowsAsync<T>(string database, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    /// <summary>The report rollups count exactly what the rows hold (<see cref="RollupCheck"/>), over every worker's shard.</summary>
    public static void AssertRollupsExact(string database)
    {
        using var connection = new NpgsqlConnection(database);
        connection.Open();
        RollupCheck.AssertExact(connection);
    }
}
