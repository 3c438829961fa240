using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Attribution;

namespace Tracking.Infrastructure.Persistence;

internal static class SaveConflicts
{
    private const int SqliteConstraint = 19;

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
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: SqliteConstraint })
        {
            throw new ConcurrencyConflictException("Another worker inserted the same key first.", ex);
        }
    }
}
