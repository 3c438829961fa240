using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Ingress;
using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Ingress;

/// <summary>
/// Each provider's ingress writer stores what EF reads back, field by field, and skips clicks already stored
/// (SQLite always runs; PostgreSQL and SQL Server when their server is there).
/// </summary>
public sealed class IngressWriterTests(PostgresServer postgres, SqlServerServer sqlServer, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres, DatabaseProvider.SqlServer];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task HitsAndClicksWrittenByTheWriterReadBackThroughEfFieldByField(string provider)
    {
        await using var database = await CreateDatabaseAsync(provider);
        await using var db = await MigratedAsync(provider, database.ConnectionString);
        // PostgreSQL keeps microseconds: a timestamp with 100 ns ticks would come back rounded, by EF as by the writers.
        var now = DateTime.UnixEpoch.AddTicks((DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10 * 10);
        var full = new Hit(SortableId.New(now), Method.Postback, HitChannel.Post, now, new HitFields
        {
            OfferId = 7,
            AffiliateId = 9,
            Goal = "purchase",
            ClickId = "click-1",
            ClickIdSource = ClickIdSource.Parameter,
            Amount = 12.3456m,
            Currency = "EUR",
            OrderId = "Order-1",
            EventId = "ev-1",
            Status = "approved",
            Adv1 = "a1",
            Adv2 = "a2",
            Adv3 = "a3",
            Adv4 = "a4",
            Adv5 = "a5",
            Ip = "2001:db8::1",
            UserAgent = "Mozilla/5.0 ü",
        });
        full.Decide(Reasons.Converted, SortableId.New(now), "detail 'quoted'", now.AddSeconds(1));
        var bare = new Hit(SortableId.New(now.AddMilliseconds(1)), Method.Pixel, HitChannel.Image, now, new HitFields());
        var click = new Click("click-1", 7, 9, now, new ClickContext("s1", "s2", "s3", "s4", "s5", "feed", "192.0.2.1", "ua", "https://ref.example/"));
        var bareClick = new Click("click-2", 7, 9, now, new ClickContext(null, null, null, null, null, null, null, null, null));

        using (var writer = Writer(provider, database.ConnectionString))
        {
            writer.Write([full, bare], [click, click, bareClick]);
            writer.Move();
            writer.Write([], [click]);
            writer.Move();
        }

        var hits = await db.Hits.AsNoTracking().OrderBy(h => h.Id).ToListAsync(Ct);
        Assert.Equal(2, hits.Count);
        AssertSameFields(full, hits[0]);
        AssertSameFields(bare, hits[1]);
        var clicks = await db.Clicks.AsNoTracking().OrderBy(c => c.Id).ToListAsync(Ct);
        Assert.Equal(2, clicks.Count);
        AssertSameFields(click, clicks[0]);
        AssertSameFields(bareClick, clicks[1]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WriterThroughputIsMeasured(string provider)
    {
        await using var database = await CreateDatabaseAsync(provider);
        await using var db = await MigratedAsync(provider, database.ConnectionString);
        const int batches = 20, perBatch = 1000;
        var now = DateTime.UtcNow;
        var fields = new HitFields { OfferId = 1, AffiliateId = 1, Goal = "purchase", ClickId = "c", Amount = 1m, OrderId = "o", UserAgent = "Mozilla/5.0" };
        var rows = Enumerable.Range(0, batches).Select(b => Enumerable.Range(0, perBatch)
            .Select(i => new Hit(SortableId.New(now), Method.Postback, HitChannel.Get, now, fields with { OrderId = $"o-{b}-{i}" })).ToList()).ToList();

        using var writer = Writer(provider, database.ConnectionString);
        writer.Write(rows[0], []);
        var watch = Stopwatch.StartNew();
        foreach (var batch in rows.Skip(1)) writer.Write(batch, []);
        watch.Stop();
        writer.Move();

        output.WriteLine($"{writer.GetType().Name}: {(batches - 1) * perBatch / watch.Elapsed.TotalSeconds:N0} hits/s in batches of {perBatch}");
        Assert.Equal(batches * perBatch, await db.Hits.CountAsync(Ct));
    }

    private async Task<TestDatabase> CreateDatabaseAsync(string provider)
    {
        if (provider == DatabaseProvider.Postgres) return await postgres.CreateDatabaseAsync();
        if (provider == DatabaseProvider.SqlServer) return await sqlServer.CreateDatabaseAsync();
        var file = Path.Combine(Path.GetTempPath(), "tracking-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return new TestDatabase($"Data Source={file}", () =>
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
            return Task.CompletedTask;
        });
    }

    private static IIngressWriter Writer(string provider, string connectionString) => IngressWriters.For(new TrackingDatabase(provider, connectionString));

    private static async Task<TrackingDbContext> MigratedAsync(string provider, string connectionString)
    {
        var db = Databases.Context(provider, connectionString);
        await db.Database.MigrateAsync(Ct);
        return db;
    }

    private static void AssertSameFields<T>(T expected, T actual)
    {
        foreach (var property in typeof(T).GetProperties())
            Assert.True(Equals(property.GetValue(expected), property.GetValue(actual)),
                $"{typeof(T).Name}.{property.Name}: wrote {property.GetValue(expected)}, read {property.GetValue(actual)}");
    }
}
