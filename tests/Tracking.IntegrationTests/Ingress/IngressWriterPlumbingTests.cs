using System.Data;
using Microsoft.Data.Sqlite;
using Tracking.Domain.Clicks;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Ingress;

namespace Tracking.IntegrationTests.Ingress;

/// <summary>
/// The writers' shared plumbing: whatever step of a batch fails (preparing, beginning the transaction, inserting), the
/// connection is disposed with its statements and the next batch opens a fresh one.
/// </summary>
public sealed class IngressWriterPlumbingTests
{
    [Theory]
    [InlineData(Step.Prepare)]
    [InlineData(Step.BeginTransaction)]
    [InlineData(Step.Insert)]
    public void AFailedStepDisposesTheConnectionAndTheNextBatchOpensAFreshOne(Step failing)
    {
        using var writer = new ProbeWriter(failing);

        Assert.ThrowsAny<Exception>(() => writer.Write([], []));
        var broken = Assert.Single(writer.Connections);
        Assert.Equal(ConnectionState.Closed, broken.State);
        Assert.True(writer.StatementsDisposed > 0, "the statements were not disposed");

        writer.Write([], []);
        Assert.Equal(2, writer.Connections.Count);
        Assert.Equal(ConnectionState.Open, writer.Connections[1].State);
        Assert.Equal(1, writer.Inserted);
    }

    [Fact]
    public void ASuccessfulBatchKeepsItsConnectionForTheNext()
    {
        using var writer = new ProbeWriter(failing: null);
        writer.Write([], []);
        writer.Write([], []);
        Assert.Single(writer.Connections);
        Assert.Equal(2, writer.Inserted);
    }

    public enum Step { Prepare, BeginTransaction, Insert }

    /// <summary>An in-memory SQLite writer that fails <paramref name="failing"/> on its first connection only.</summary>
    private sealed class ProbeWriter(Step? failing) : IngressWriter<SqliteConnection, SqliteTransaction>("Data Source=:memory:")
    {
        public List<SqliteConnection> Connections { get; } = [];
        public int StatementsDisposed { get; private set; }
        public int Inserted { get; private set; }
        private bool First => Connections.Count == 1;

        protected override SqliteConnection Create(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            Connections.Add(connection);
            return connection;
        }

        protected override void Prepare(SqliteConnection connection)
        {
            if (First && failing == Step.Prepare) throw new InvalidOperationException("prepare failed");
            // SQLite refuses a second transaction on one connection: the batch's BeginTransaction then throws.
            if (First && failing == Step.BeginTransaction) connection.BeginTransaction();
        }

        protected override void Insert(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<Hit> hits, IReadOnlyList<Click> clicks)
        {
            if (First && failing == Step.Insert) throw new InvalidOperationException("insert failed");
            Inserted++;
        }

        protected override void DisposeStatements() => StatementsDisposed++;
    }
}
