using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tracking.Domain.Common;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Retention;

/// <summary>
/// Issue 12.8: deletes hits received longer ago than <see cref="RetentionOptions.HitsFor"/>, in short transactions of
/// <see cref="RetentionOptions.BatchSize"/> and at most <see cref="RetentionOptions.MaxPerRun"/> a run. Kept for ever:
/// every conversion, every hit that belongs to one (its pixel, its postback, its duplicates: <c>conversion_id</c> set),
/// every undecided hit, and every hit a pending reconciliation may still read as evidence (nothing is pruned from an
/// hour before the oldest click of a conversion that still waits for its explanation). Pruning leaves the reports as
/// they were: while the <see cref="Marker"/> row exists in the pruning transaction, the rollup triggers ignore deleted
/// hits (decision 0015). One process prunes at a time (the <c>retention</c> lease); a second one's run is skipped.
/// </summary>
public sealed class HitPruner(IServiceScopeFactory scopes, DatabaseLeases leases, WriteGate gate, TimeProvider time,
    IOptions<TrackingOptions> options)
{
    public const string Lease = "retention";
    /// <summary>The <c>settings</c> row that tells the rollup triggers a delete is a pruning, not a correction.</summary>
    public const string Marker = "pruning_hits";
    private static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan EvidenceWindow = TimeSpan.FromHours(1);

    /// <summary>How many hits this run deleted; null when retention is off or another process is pruning.</summary>
    public async Task<int?> RunAsync(CancellationToken ct)
    {
        var retention = options.Value.Retention;
        if (retention.HitsFor <= TimeSpan.Zero) return null;
        await using var lease = await leases.TryAcquireAsync(Lease, LeaseFor, ct);
        if (lease is null) return null;
        using var guarded = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        var below = await CutoffAsync(retention.HitsFor, guarded.Token);
        var pruned = 0;
        while (pruned < retention.MaxPerRun)
        {
            var deleted = await PruneBatchAsync(below, Math.Min(retention.BatchSize, retention.MaxPerRun - pruned), guarded.Token);
            pruned += deleted;
            if (deleted == 0) break;
        }
        return pruned;
    }

    /// <summary>The newest receive time a hit may have to be pruned.</summary>
    private async Task<DateTime> CutoffAsync(TimeSpan hitsFor, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - hitsFor;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        var oldestPending = await db.Conversions.Where(c => c.ReconcileDueAt != null)
            .MinAsync(c => (DateTime?)(c.ClickedAt ?? c.CreatedAt), ct);
        return oldestPending is { } pending && pending - EvidenceWindow < cutoff ? pending - EvidenceWindow : cutoff;
    }

    private async Task<int> PruneBatchAsync(DateTime cutoff, int batch, CancellationToken ct)
    {
        // Hit ids are time-ordered (SortableId): the primary key walks the oldest hits first, with no index on received_at.
        var below = SortableId.Floor(cutoff);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        using var turn = await gate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Settings.Add(new Setting(Marker, time.GetUtcNow().UtcDateTime.ToString("O")));
        await db.SaveChangesAsync(ct);
        var ids = db.Hits.Where(h => string.Compare(h.Id, below) < 0 && h.ReceivedAt < cutoff && h.DecidedAt != null && h.ConversionId == null)
            .OrderBy(h => h.Id).Take(batch).Select(h => h.Id);
        var deleted = await db.Hits.Where(h => ids.Contains(h.Id)).ExecuteDeleteAsync(ct);
        await db.Settings.Where(s => s.Key == Marker).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return deleted;
    }
}
