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
