using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Domain.Conversions;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Conversions;

/// <summary>
/// Issue 11.4: approves the held conversions whose hold is over and that are still pending, with the history source
/// <c>hold_elapsed</c>. Bounded per run (<see cref="MaxPerRun"/>; the next run goes on). Safe with several workers and no
/// lease: each approval is its own conditional UPDATE on the conversion's version, so when two workers read the same
/// conversion only the first one's approval is saved, and the second one's fails and changes nothing (nor does a
/// person's change that came between the read and the save: that one wins and ended the hold).
/// </summary>
public sealed class HoldRunner(IServiceScopeFactory scopes, TimeProvider time)
{
    public const int MaxPerRun = 1000;
    private const int Batch = 100;

    /// <summary>How many conversions this run approved.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var approved = 0;
        for (var read = 0; read < MaxPerRun;)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
            var changes = scope.ServiceProvider.GetRequiredService<StatusChanges>();
            var now = time.GetUtcNow().UtcDateTime;
            var due = await db.Conversions.Where(c => c.HoldUntil != null && c.HoldUntil <= now && c.Status == ConversionStatus.Pending)
                .OrderBy(c => c.HoldUntil).ThenBy(c => c.Id).Take(Batch).ToListAsync(ct);
            read += due.Count;
            var ids = new List<string>();
            foreach (var conversion in due)
            {
                try
                {
                    ids.AddRange(await changes.SaveAsync([conversion], (c, at) => c.ReleaseHold(at), ct));
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Another worker approved it first, or a person changed it meanwhile: theirs stands.
                }
            }
            await changes.AnnounceAsync(ids, ct);
            approved += ids.Count;
            if (due.Count < Batch) break;
        }
        return approved;
    }
}
