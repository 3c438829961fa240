using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tracking.Domain.Attribution;

namespace Tracking.Infrastructure.Persistence;

internal static class SaveConflicts
{
    private const int SqliteConstraint = 19;
    // SQL Server: duplicate key in a unique index, in a unique constraint; chosen as a deadlock victim.
    private static readonly int[] SqlServerConflicts = [2601, 2627, 1205];

    /// <summary>Saves; a unique-key or concurrency-token conflict becomes <see cref="ConcurrencyConflictException"/>, which the bus retries.</summary>
    public static async Task SaveOrConflictAsync(this TrackingDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConcurrencyConflictException("Another worker changed the same rows first.", ex);
        }
        catch (DbUpdateException ex) when (IsConflict(ex.InnerException))
        {
            throw new ConcurrencyConflictException("Another worker inserted the same key first.", ex);
        }
    }

    /// <summary>A unique-key violation, or a deadlock or serialization failure: another writer won, and a retry sees its rows.</summary>
    public static bool IsConflict(Exception? ex) => ex switch
    {
        SqliteException e => e.SqliteErrorCode == SqliteConstraint,
        PostgresException e => e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure
            or PostgresErrorCodes.DeadlockDetected,
        SqlException e => SqlServerConflicts.Contains(e.Number),
        _ => false,
    };
}
