using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Ingress;
using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Ingress;

/// <summary>
/// The SQLite ingress writer stages each batch in a file of its own and moves it into <c>hits</c> and <c>clicks</c> on
/// request (decision 0023), on real files: what is staged reaches the tables only when moved, leaves the inbox after,
/// survives a writer that dies before moving it, and never overwrites what the tables already hold.
/// </summary>
public sealed class StagedIngressTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string _file = Path.Combine(Path.GetTempPath(), "tracking-tests", Guid.NewGuid().ToString("N") + ".db");
    private string ConnectionString => $"Data Source={_file}";
    private readonly DateTime _now = DateTime.UtcNow;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        await using var db = Databases.Context(DatabaseProvider.Sqlite, ConnectionString);
        await db.Database.MigrateAsync(Ct);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_file)!, Path.GetFileName(_file) + "*")) File.Delete(file);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void AStagedBatchReachesTheTablesWhenMovedAndLeavesTheInboxWithTheNextBatch()
    {
        using var writer = Writer();
        Assert.True(writer.Staged);
        Assert.Empty(writer.Move());
        writer.Write([Hit("a"), Hit("b")], [Click("c1")]);
        Assert.Equal((0, 0), (Count("main.hits"), Count("main.clicks")));
        Assert.Equal((2, 1), (Count("inbox.hits"), Count("inbox.clicks")));

        Assert.Empty(writer.Move());
        Assert.Equal((2, 1), (Count("main.hits"), Count("main.clicks")));

        writer.Write([Hit("c")], [Click("c1"), Click("c2")]);
        // The moved rows left the inbox in that batch's transaction; only the new batch is staged.
        Assert.Equal(["c"], Ids("inbox.hits"));
        Assert.Equal(2, Count("inbox.clicks"));
        writer.Move();
        Assert.Equal(["a", "b", "c"], Ids("main.hits"));
        Assert.Equal(["c1", "c2"], Ids("main.clicks"));
    }

    [Fact]
    public void WhatADeadWriterStagedIsMovedByTheNextOneAndItsUndecidedHitsAreReturnedOnce()
    {
        using (var dead = Writer())
        {
            dead.Move();
            dead.Write([Hit("a"), Hit("decided", decided: true)], [Click("c1")]);
            dead.Write([Hit("b")], []);
        }
        Assert.Equal(0, Count("main.hits"));

        using var next = Writer();
        Assert.Equal(["a", "b"], next.Move());
        Assert.Equal(["a", "b", "decided"], Ids("main.hits"));
        Assert.Equal(["c1"], Ids("main.clicks"));
        Assert.Empty(next.Move());
        next.Write([Hit("c")], []);
        next.Move();
        Assert.Equal(["a", "b", "c", "decided"], Ids("main.hits"));
    }

    [Fact]
    public void AHitStillStagedAfterItsMoveIsNotCopiedAgainOverItsDecision()
    {
        using (var first = Writer())
        {
            first.Move();
            first.Write([Hit("a")], []);
            first.Move();
        }
        // Decided by the worker while its row was still in the inbox (the next batch would have deleted it).
        Execute("UPDATE hits SET outcome = 'converted', decided_at = '2026-01-01 00:00:00' WHERE id = 'a'");
        Assert.Equal(1, Count("inbox.hits"));

        using var next = Writer();
        Assert.Equal(["a"], next.Move());
        Assert.Equal("converted", Scalar("SELECT outcome FROM hits WHERE id = 'a'"));
        Assert.Equal(1, Count("main.hits"));
    }

    [Fact]
    public void AnInboxOfAnOlderShapeIsMovedWithItsOwnColumnsAndMadeAnew()
    {
        // An earlier version staged hits without is_test (a column it did not have yet).
        Execute("ATTACH DATABASE '" + _file + "-inbox' AS inbox; "
            + "CREATE TABLE inbox.hits (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, method TEXT NOT NULL, channel TEXT NOT NULL, received_at TEXT NOT NULL, click_id_source TEXT NOT NULL); "
            + "CREATE TABLE inbox.clicks (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, offer_id INTEGER NOT NULL, affiliate_id INTEGER NOT NULL, clicked_at TEXT NOT NULL); "
            + "INSERT INTO inbox.hits (id, method, channel, received_at, click_id_source) VALUES ('old', 'pixel', 'image', '2026-01-01 00:00:00', 'none'); "
            + "INSERT INTO inbox.clicks (id, offer_id, affiliate_id, clicked_at) VALUES ('old-click', 1, 1, '2026-01-01 00:00:00');");

        using var writer = Writer();
        Assert.Equal(["old"], writer.Move());
        Assert.Equal("0", Scalar("SELECT is_test FROM hits WHERE id = 'old'"));
        Assert.Equal(["old-click"], Ids("main.clicks"));
        Assert.Equal(0, Count("inbox.hits"));
        Assert.Contains("is_test", Scalar("SELECT group_concat(name) FROM pragma_table_info('hits', 'inbox')"));

        writer.Write([Hit("new")], []);
        writer.Move();
        Assert.Equal(["new", "old"], Ids("main.hits"));
    }

    [Fact]
    public void AnInMemoryDatabaseIsNotStaged()
    {
        using var writer = IngressWriters.For(new TrackingDatabase(DatabaseProvider.Sqlite, "Data Source=:memory:"));
        Assert.False(writer.Staged);
    }

    private IIngressWriter Writer() => IngressWriters.For(new TrackingDatabase(DatabaseProvider.Sqlite, ConnectionString));

    private Hit Hit(string id, bool decided = false)
    {
        var hit = new Hit(id, Method.Pixel, HitChannel.Image, _now, new HitFields { OfferId = 1, Goal = "purchase" });
        if (decided) hit.Decide(Reasons.UnknownOffer, null, "test", _now);
        return hit;
    }

    private Click Click(string id) => new(id, 1, 1, _now, new ClickContext(null, null, null, null, null, null, null, null, null));

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        connection.Open();
        using var attach = connection.CreateCommand();
        attach.CommandText = "ATTACH DATABASE '" + _file + "-inbox' AS inbox";
        attach.ExecuteNonQuery();
        return connection;
    }

    private int Count(string table) => int.Parse(Scalar($"SELECT count(*) FROM {table}")!);

    private List<string> Ids(string table)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id FROM {table} ORDER BY id";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    private string? Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
