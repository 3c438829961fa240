using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Testing;

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds, or fails after <paramref name="timeout"/> (default 20 s).</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await read();
            if (condition(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what ?? "a condition"}; last value: {value}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the worker to decide the hits, and returns them.</summary>
    public static async Task<List<Hit>> Decided(this TrackingApp app, params string[] hitIds)
    {
        return await Until(
            () => app.WithDb(db => db.Hits.AsNoTracking().Where(h => hitIds.Contains(h.Id)).ToListAsync()),
            hits => hits.Count == hitIds.Length && hits.All(h => h.Outcome is not null),
            what: $"outcomes of {string.Join(", ", hitIds)}");
    }

    /// <summary>Waits until no hit is undecided, nor staged and not yet in the table (SQLite, decision 0023).</summary>
    public static Task<int> AllDecided(this TrackingApp app, TimeSpan? timeout = null) =>
        Until(async () => app.StagedOrUndecided() ?? await app.WithDb(db => db.Hits.CountAsync(h => h.DecidedAt == null)), n => n == 0, timeout,
            "every hit to be decided");

    /// <summary>Waits until every hit answered so far is in the <c>hits</c> table (on SQLite, moved from the staging file, decision 0023).</summary>
    public static Task<int> AllStored(this TrackingApp app, TimeSpan? timeout = null) =>
        Until(() => Task.FromResult(app.StagedOnly()), n => n == 0, timeout, "every acknowledged hit to be in the hits table");

    /// <summary>On SQLite, the hits in the ingress log's staging file and not in the table yet; 0 elsewhere.</summary>
    public static int StagedOnly(this TrackingApp app) => app.StagedOrUndecided(countUndecided: false) ?? 0;

    /// <summary>
    /// On SQLite, the hits undecided in the table or still in the ingress log's staging file only (decision 0023), read in
    /// one statement (<see cref="Database.StagedOrUndecided"/>). Null on other providers.
    /// </summary>
    public static int? StagedOrUndecided(this TrackingApp app, bool countUndecided = true) =>
        string.Equals(app.Provider, DatabaseProvider.Sqlite, StringComparison.OrdinalIgnoreCase)
            ? Database.StagedOrUndecided(app.DatabasePath, countUndecided)
            : null;
}
