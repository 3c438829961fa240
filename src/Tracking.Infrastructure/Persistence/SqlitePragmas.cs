using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tracking.Infrastructure.Persistence;

/// <summary>
/// Every EF connection to SQLite waits up to 30 s for the write lock (SQLite's own busy handler) and uses
/// <c>synchronous=NORMAL</c>: in WAL mode that survives a killed process; the ingress log's own connection uses FULL.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
