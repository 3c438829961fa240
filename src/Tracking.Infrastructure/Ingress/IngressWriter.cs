using System.Data.Common;
using Tracking.Domain.Clicks;
using Tracking.Domain.Hits;

namespace Tracking.Infrastructure.Ingress;

/// <summary>
/// The plumbing every provider's ingress writer shares: one dedicated connection, opened and given its prepared statements
/// on the first batch; one transaction per batch; and on any failure (open, prepare, begin, insert, commit) the connection
/// and its statements disposed, so the next batch starts on a fresh connection. Providers only prepare and insert.
/// </summary>
internal abstract class IngressWriter<TConnection, TTransaction>(string connectionString) : IIngressWriter
    where TConnection : DbConnection
    where TTransaction : DbTransaction
{
    private TConnection? _connection;

    /// <summary>The connection string every connection of this writer opens with.</summary>
    protected string ConnectionString { get; } = connectionString;

    public void Write(IReadOnlyList<Hit> hits, IReadOnlyList<Click> clicks)
    {
        try
        {
            var connection = _connection ??= Open();
            using var tx = Begin(connection);
            Insert(connection, tx, hits, clicks);
            tx.Commit();
        }
        catch
        {
            // A broken connection is reopened for the next batch.
            Close();
            throw;
        }
    }

    public virtual void Dispose() => Close();

    /// <summary>Not staged by default: <see cref="Write"/> writes the tables themselves.</summary>
    public virtual bool Staged => false;

    public virtual IReadOnlyList<string> Move() => [];

    public virtual long CountUndecided() => 0;

    /// <summary>Begins the batch's transaction (by default the provider's own default kind).</summary>
    protected virtual TTransaction Begin(TConnection connection) => (TTransaction)connection.BeginTransaction();

    private void Close()
    {
        DisposeStatements();
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>A new, closed connection of the provider.</summary>
    protected abstract TConnection Create(string connectionString);

    /// <summary>Readies the just opened connection: its settings and the statements it keeps for every batch.</summary>
    protected abstract void Prepare(TConnection connection);

    /// <summary>Inserts the batch's hits and clicks (clicks already stored are skipped) within <paramref name="tx"/>.</summary>
    protected abstract void Insert(TConnection connection, TTransaction tx, IReadOnlyList<Hit> hits, IReadOnlyList<Click> clicks);

    /// <summary>Disposes the prepared statements, whichever exist; the connection is disposed next.</summary>
    protected abstract void DisposeStatements();

    private TConnection Open()
    {
        var connection = Create(ConnectionString);
        try
        {
            connection.Open();
            Prepare(connection);
            return connection;
        }
        catch
        {
            DisposeStatements();
            connection.Dispose();
            throw;
        }
    }
}
