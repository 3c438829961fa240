using Tracking.Domain.Clicks;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Ingress;

/// <summary>
/// Writes one batch of the ingress log in one transaction with the provider's cheapest path. Synchronous on purpose:
/// it runs on the ingress log's own thread, never on the thread pool that serves requests.
/// </summary>
public interface IIngressWriter : IDisposable
{
    void Write(IReadOnlyList<Hit> hits, IReadOnlyList<Click> clicks);

    /// <summary>
    /// True when <see cref="Write"/> commits to a staging log of its own (SQLite: a second database file, decision 0023), so
    /// it needs no write gate and <see cref="Move"/> must copy what it committed into <c>hits</c> and <c>clicks</c>. False:
    /// <see cref="Write"/> writes the tables themselves, under the write gate.
    /// </summary>
    bool Staged { get; }

    /// <summary>
    /// Copies into <c>hits</c> and <c>clicks</c>, in one durable transaction, every row <see cref="Write"/> committed and no
    /// earlier call copied; rows already there are left as they are. The caller holds the write gate, and calls it from one
    /// thread at a time. Its first call, made before the first <see cref="Write"/> (the ingress log's start), moves what an
    /// earlier run of the process staged and returns the ids of its undecided hits, so the caller can publish them; every
    /// later call returns none.
    /// </summary>
    IReadOnlyList<string> Move();

    /// <summary>How many hits in the <c>hits</c> table are undecided (a staged writer, on the mover's thread; 0 otherwise).</summary>
    long CountUndecided();
}

internal static class IngressWriters
{
    /// <summary>The provider's ingress writer: a new one, with a connection of its own (the host keeps one for its ingress log).</summary>
    public static IIngressWriter For(TrackingDatabase database) => database.Provider switch
    {
        DatabaseProvider.Postgres => new PostgresIngressWriter(database.ConnectionString),
        DatabaseProvider.SqlServer => new SqlServerIngressWriter(database.ConnectionString),
        _ => new SqliteIngressWriter(database.ConnectionString),
    };
}
