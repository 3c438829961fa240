using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Startup;

/// <summary>
/// A database-wide lock held while migrations run, on a connection of its own: a session advisory lock on PostgreSQL,
/// a session application lock on SQL Server. SQLite needs none (EF's own lock table serialises writers of one file).
/// Disposing releases it (closing the connection would too, so a crashed process never leaves it held).
/// </summary>
internal sealed class MigrationLock(DbConnection? connection, string? release) : IAsyncDisposable
{
    private const long Key = 0x7472_6163_6b69_6e67; // "tracking"

    public static async Task<MigrationLock> AcquireAsync(TrackingDbContext db, CancellationToken ct)
    {
        var connectionString = db.Database.GetConnectionString();
        if (db.Database.IsNpgsql())
            return await TakeAsync(new NpgsqlConnection(connectionString), $"SELECT pg_advisory_lock({Key})", $"SELECT pg_advisory_unlock({Key})", ct);
        if (db.Database.IsSqlServer())
            return await TakeAsync(new SqlConnection(connectionString),
                "EXEC sp_getapplock @Resource = 'tracking-migrations', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1",
                "EXEC sp_releaseapplock @Resource = 'tracking-migrations', @LockOwner = 'Session'", ct);
        return new MigrationLock(null, null);
    }

    private static async Task<MigrationLock> TakeAsync(DbConnection connection, string take, string release, CancellationToken ct)
    {
        try
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = take;
            command.CommandTimeout = 0; // as long as another process takes to migrate
            await command.ExecuteNonQueryAsync(ct);
            return new MigrationLock(connection, release);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is null) return;
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = release!;
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
