using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Hits;

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

    /// <summary>Waits until no hit is undecided.</summary>
    public static Task<int> AllDecided(this TrackingApp app, TimeSpan? timeout = null) =>
        Until(() => app.WithDb(db => db.Hits.CountAsync(h => h.DecidedAt == null)), n => n == 0, timeout, "every hit to be decided");
}
