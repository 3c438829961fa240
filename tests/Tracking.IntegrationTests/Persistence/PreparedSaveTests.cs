using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;
using Tracking.Testing;

namespace Tracking.IntegrationTests.Persistence;

/// <summary>
/// The worker's save on SQLite (<see cref="PreparedSave"/>) writes what EF's <c>SaveChanges</c> writes, byte for byte and
/// rollup for rollup, and refuses what <c>SaveChanges</c> refuses: a stale concurrency token or a taken unique key.
/// On PostgreSQL it saves a chunk as one batch of array statements and keeps the rollups itself (issue 13): the same
/// rows as <c>SaveChanges</c>, the same conflicts, the rollups exact, with the triggers silent for its transaction only.
/// </summary>
public sealed class PreparedSaveTests(PostgresServer postgres) : IAsyncDisposable
{
    private static readonly DateTime T0 = new(2026, 12, 4, 10, 14, 59, 123, DateTimeKind.Utc);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly List<string> _files = [];

    [Fact]
    public async Task EveryTableHoldsTheSameRowsAsAfterSaveChanges()
    {
        var prepared = await MigratedFileAsync();
        await PlayAsync(() => Context(prepared), db => PreparedSave.SaveAsync(db, Ct));
        var efCore = await MigratedFileAsync();
        await PlayAsync(() => Context(efCore), db => db.SaveChangesAsync(Ct));

        Assert.Equal(await DumpAsync(efCore), await DumpAsync(prepared));
        // The scenario did reach the tables it is about: a conversion merged, updated and counted, its history, three decided hits.
        var dump = await DumpAsync(prepared);
        Assert.Contains("conversions|", dump);
        Assert.Contains("status_changes|", dump);
        Assert.Contains("report_conversion_days|", dump);
        Assert.Contains("outcome=TEXT:status_updated", dump);
    }

    [Fact]
    public async Task AHitDecidedByAnotherWriterFirstIsAConflictAndNothingOfTheLoserIsStored()
    {
        var file = await MigratedFileAsync();
        await using (var seed = Context(file))
        {
            seed.Hits.Add(Postback("01KBPS0000000000000000000A", "o-1", null));
            await seed.SaveChangesAsync(Ct);
        }
        await using var winner = Context(file);
        await using var loser = Context(file);
        var first = await winner.Hits.SingleAsync(Ct);
        var second = await loser.Hits.SingleAsync(Ct);
        first.Decide(Reasons.Duplicate, null, null, T0);
        await PreparedSave.SaveAsync(winner, Ct);

        second.Decide(Reasons.Converted, "01KBPS0000000000000000000C", null, T0);
        loser.Conversions.Add(Create("01KBPS0000000000000000000C", second));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => PreparedSave.SaveAsync(loser, Ct));

        await using var check = Context(file);
        Assert.Equal(Reasons.Duplicate, (await check.Hits.SingleAsync(Ct)).Outcome);
        Assert.Empty(await check.Conversions.ToListAsync(Ct));
        Assert.Equal(0, await check.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM report_conversion_quarters").SingleAsync(Ct));
    }

    [Fact]
    public async Task ATakenDedupKeyIsAConflict()
    {
        var file = await MigratedFileAsync();
        await using var db = Context(file);
        var a = Postback("01KBPS0000000000000000000A", "o-1", null);
        var b = Postback("01KBPS0000000000000000000B", "o-1", null);
        db.Hits.AddRange(a, b);
        await db.SaveChangesAsync(Ct);
        db.Conversions.Add(Create("01KBPS0000000000000000000C", a));
        await PreparedSave.SaveAsync(db, Ct);
        db.ChangeTracker.Clear();

        db.Conversions.Add(Create("01KBPS0000000000000000000D", b));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => PreparedSave.SaveAsync(db, Ct));
    }

    [Fact]
    public async Task OnPostgresTheSaveKeepsTheRollupsExactAndTheTriggersCountEveryOtherTransaction()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using (var db = Databases.Context(DatabaseProvider.Postgres, database.ConnectionString))
            await db.Database.MigrateAsync(Ct);
        // One connection for the whole scenario, so that a setting leaking out of the save's transaction would be seen.
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        TrackingDbContext Shared() => new(new DbContextOptionsBuilder<TrackingDbContext>().UseNpgsql(connection).UseSnakeCaseNamingConvention().Options);

        await PlayAsync(Shared, db => PreparedSave.SaveAsync(db, Ct));
        Assert.Equal("", await ScalarAsync(connection, "SELECT coalesce(current_setting('tracking.rollups_by_statement', true), '')"));
        RollupCheck.AssertExact(connection);
        // The scenario reached the rollups: one conversion, four decided hits.
        Assert.Equal(1L, Convert.ToInt64(await ScalarAsync(connection, "SELECT sum(conversions) FROM report_conversion_totals"), CultureInfo.InvariantCulture));
        Assert.Equal(4L, Convert.ToInt64(await ScalarAsync(connection, "SELECT sum(hits) FROM report_hit_totals"), CultureInfo.InvariantCulture));

        // After the save, on the same connection, a plain SaveChanges is counted by the triggers again.
        await using (var db = Shared())
        {
            var conversion = await db.Conversions.SingleAsync(Ct);
            Assert.True(conversion.ChangeStatus(ConversionStatus.Approved, T0.AddSeconds(3), "test"));
            await db.SaveChangesAsync(Ct);
        }
        RollupCheck.AssertExact(connection);
        Assert.NotEqual(0L, Convert.ToInt64(await ScalarAsync(connection, "SELECT sum(revenue_e4) FROM report_conversion_days"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task OnPostgresEveryTableHoldsTheSameRowsAsAfterSaveChanges()
    {
        var prepared = await PlayOnPostgresAsync(db => PreparedSave.SaveAsync(db, Ct));
        var efCore = await PlayOnPostgresAsync(db => db.SaveChangesAsync(Ct));

        Assert.Equal(efCore, prepared);
        // The scenario did reach the tables it is about: a conversion merged, updated and counted, its history, four decided hits.
        Assert.Contains("conversions|", prepared);
        Assert.Contains("status_changes|", prepared);
        Assert.Contains("report_conversion_days|", prepared);
        Assert.Contains("\"outcome\": \"status_updated\"", prepared);
        Assert.Contains("\"outcome_detail\": \"détail 'quoted'\"", prepared);
    }

    [Fact]
    public async Task OnPostgresARowChangedByAnotherWriterAmongSeveralIsAConflictAndNothingOfTheChunkIsStored()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        TrackingDbContext Open() => Databases.Context(DatabaseProvider.Postgres, database.ConnectionString);
        await using (var seed = Open())
        {
            await seed.Database.MigrateAsync(Ct);
            seed.Hits.AddRange(Postback("01KBPS0000000000000000000A", "o-1", null), Postback("01KBPS0000000000000000000B", "o-2", null),
                Postback("01KBPS0000000000000000000E", "o-3", null));
            await seed.SaveChangesAsync(Ct);
        }
        await using var winner = Open();
        await using var loser = Open();
        var hits = await loser.Hits.OrderBy(h => h.Id).ToListAsync(Ct);
        (await winner.Hits.SingleAsync(h => h.Id == "01KBPS0000000000000000000B", Ct)).Decide(Reasons.Duplicate, null, null, T0);
        await PreparedSave.SaveAsync(winner, Ct);

        // Three hits decided in one update statement, one of them already decided by the winner: the statement matches two rows.
        foreach (var hit in hits) hit.Decide(Reasons.NoClickId, null, "kept", T0);
        loser.Conversions.Add(Create("01KBPS0000000000000000000C", hits[0]));
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => PreparedSave.SaveAsync(loser, Ct));
        Assert.Contains("1 of 3", conflict.Message, StringComparison.Ordinal);

        await using var check = Open();
        Assert.Equal([null, Reasons.Duplicate, null], await check.Hits.OrderBy(h => h.Id).Select(h => h.Outcome).ToListAsync(Ct));
        Assert.Empty(await check.Conversions.ToListAsync(Ct));
    }

    [Fact]
    public async Task OnPostgresAHitDecidedByAnotherWriterFirstIsAConflictAndNothingOfTheLoserIsCounted()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        TrackingDbContext Open() => Databases.Context(DatabaseProvider.Postgres, database.ConnectionString);
        await using (var seed = Open())
        {
            await seed.Database.MigrateAsync(Ct);
            seed.Hits.Add(Postback("01KBPS0000000000000000000A", "o-1", null));
            await seed.SaveChangesAsync(Ct);
        }
        await using var winner = Open();
        await using var loser = Open();
        var first = await winner.Hits.SingleAsync(Ct);
        var second = await loser.Hits.SingleAsync(Ct);
        first.Decide(Reasons.Duplicate, null, null, T0);
        await PreparedSave.SaveAsync(winner, Ct);

        second.Decide(Reasons.Converted, "01KBPS0000000000000000000C", null, T0);
        loser.Conversions.Add(Create("01KBPS0000000000000000000C", second));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => PreparedSave.SaveAsync(loser, Ct));

        await using var check = Open();
        Assert.Equal(Reasons.Duplicate, (await check.Hits.SingleAsync(Ct)).Outcome);
        Assert.Empty(await check.Conversions.ToListAsync(Ct));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        RollupCheck.AssertExact(connection);
        Assert.Equal(0L, Convert.ToInt64(await ScalarAsync(connection, "SELECT count(*) FROM report_conversion_quarters"), CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(await ScalarAsync(connection, "SELECT sum(hits) FROM report_hit_days WHERE outcome = 'duplicate'"), CultureInfo.InvariantCulture));
    }

    /// <summary>Plays the scenario on a new PostgreSQL database over one connection (so the rollups' shard is one), and dumps it.</summary>
    private async Task<string> PlayOnPostgresAsync(Func<TrackingDbContext, Task> save)
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using (var db = Databases.Context(DatabaseProvider.Postgres, database.ConnectionString))
            await db.Database.MigrateAsync(Ct);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await PlayAsync(() => new(new DbContextOptionsBuilder<TrackingDbContext>().UseNpgsql(connection).UseSnakeCaseNamingConvention().Options), save);
        RollupCheck.AssertExact(connection);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) tables.Add(reader.GetString(0));
        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            // Every column as JSON, full precision; the rollups' shard (the writing backend's pid) is left out.
            await using var rows = new NpgsqlCommand($"SELECT (to_jsonb(t) - 'shard')::text FROM \"{table}\" AS t ORDER BY 1", connection);
            await using var reader = await rows.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct)) dump.Append(table).Append('|').AppendLine(reader.GetString(0));
        }
        return dump.ToString();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }

    /// <summary>Ingress records four hits; the worker makes a conversion of one, parks a cookieless pixel, merges the other pixel,
    /// updates the status and claims the parked pixel.</summary>
    private static async Task PlayAsync(Func<TrackingDbContext> context, Func<TrackingDbContext, Task> save)
    {
        await using (var db = context())
        {
            db.Hits.AddRange(Postback("01KBPS0000000000000000000A", "o-'1'", null), Postback("01KBPS0000000000000000000B", "o-'1'", "rejected"),
                new Hit("01KBPS0000000000000000000P", Method.Pixel, HitChannel.Image, T0.AddSeconds(-3),
                    new HitFields { OfferId = 7, AffiliateId = 3, Goal = "purchase", ClickId = "click-1", Amount = 99.995m, Currency = "EUR", OrderId = "o-'1'" }),
                new Hit("01KBPS0000000000000000000Q", Method.Pixel, HitChannel.Image, T0.AddMinutes(-20),
                    new HitFields { OfferId = 7, AffiliateId = 3, Goal = "purchase", OrderId = "o-2" }));
            await save(db);
        }
        await using (var db = context())
        {
            var hit = await db.Hits.SingleAsync(h => h.Id == "01KBPS0000000000000000000A", Ct);
            var conversion = Create("01KBPS0000000000000000000C", hit);
            db.Conversions.Add(conversion);
            hit.Decide(Reasons.Converted, conversion.Id, "détail 'quoted'", T0.AddTicks(1));
            (await db.Hits.SingleAsync(h => h.Id == "01KBPS0000000000000000000Q", Ct)).Decide(Reasons.NoClickId, null, "kept", T0);
            await save(db);
        }
        await using (var db = context())
        {
            var conversion = await db.Conversions.Include(c => c.History).SingleAsync(Ct);
            var pixel = await db.Hits.SingleAsync(h => h.Id == "01KBPS0000000000000000000P", Ct);
            var update = await db.Hits.SingleAsync(h => h.Id == "01KBPS0000000000000000000B", Ct);
            conversion.Merge(pixel, Goal, Click, heuristic: false, T0.AddSeconds(1));
            pixel.Decide(Reasons.Merged, conversion.Id, null, T0.AddSeconds(1));
            Assert.True(conversion.Update(update, Goal, T0.AddSeconds(2)));
            update.Decide(Reasons.StatusUpdated, conversion.Id, "status rejected", T0.AddSeconds(2));
            // A parked cookieless pixel claimed: a decided hit changes its outcome, so its old count comes off.
            (await db.Hits.SingleAsync(h => h.Id == "01KBPS0000000000000000000Q", Ct)).ClaimParkedPixel(conversion.Id, T0.AddSeconds(2));
            await save(db);
        }
    }

    private static readonly OfferInfo Offer = MakeOffer();
    private static GoalInfo Goal => Offer.Goals["purchase"];
    private static readonly Click Click = new("click-1", 7, 3, T0.AddHours(-1), new ClickContext("s1", null, "s'3", null, null, "feed", null, null, null));

    private static OfferInfo MakeOffer()
    {
        var offer = new Offer(1, "Shop", "https://shop.example/?c={click_id}", T0);
        offer.Configure(30, ExpectedMethods.Both, 60, "USD", Method.Postback, false, null);
        offer.AddGoal("purchase", null, 10m, AmountKind.Percent, 5m, AmountKind.Percent);
        return OfferInfo.From(offer) with { Id = 7 };
    }

    private static Hit Postback(string id, string orderId, string? status) => new(id, Method.Postback, HitChannel.Get, T0, new HitFields
    {
        OfferId = 7,
        AffiliateId = 3,
        Goal = "purchase",
        ClickId = "click-1",
        Amount = 100.0001m,
        Currency = "EUR",
        OrderId = orderId,
        Status = status,
        Adv1 = "ü",
        Ip = "2001:db8::1",
    });

    private static Conversion Create(string id, Hit hit) => Conversion.Create(id, Offer, Goal, Click, DedupKey.For(Goal, hit), hit, T0.AddTicks(1));

    /// <summary>Every row of every table, each value with its SQLite storage class.</summary>
    private static async Task<string> DumpAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsHistory' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct)) tables.Add(reader.GetString(0));
        }
        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1, 2";
            await using var reader = await rows.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                dump.Append(table).Append('|');
                for (var i = 0; i < reader.FieldCount; i++)
                    dump.Append(reader.GetName(i)).Append('=').Append(reader.GetDataTypeName(i)).Append(':')
                        .Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                dump.AppendLine();
            }
        }
        return dump.ToString();
    }

    private async Task<string> MigratedFileAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), "tracking-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        _files.Add(file);
        await using var db = Context(file);
        await db.Database.MigrateAsync(Ct);
        return file;
    }

    private static TrackingDbContext Context(string file) => Databases.Context(DatabaseProvider.Sqlite, $"Data Source={file}");

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in _files)
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(file + suffix);
        return ValueTask.CompletedTask;
    }
}
