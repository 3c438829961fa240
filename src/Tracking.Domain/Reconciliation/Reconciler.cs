using Tracking.Domain.Attribution;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;

namespace Tracking.Domain.Reconciliation;

public interface IReconciliationStore
{
    /// <summary>One-method conversions whose grace period is over, oldest due first.</summary>
    Task<IReadOnlyList<Conversion>> FindDueAsync(DateTime now, int limit, CancellationToken ct);
    Task<Evidence> GatherAsync(Conversion conversion, CancellationToken ct);
    Task SaveAsync(CancellationToken ct);
}

/// <summary>The reconciliation sweep (SPEC 4.7): flags due conversions <c>pixel_only</c> or <c>postback_only</c> with an explanation.</summary>
public sealed class Reconciler(IReconciliationStore store, ICatalog catalog, TimeProvider time, TrackingMetrics metrics)
{
    private const int BatchSize = 200;

    /// <summary>Runs until nothing is due; returns how many conversions were flagged.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var flagged = 0;
        while (true)
        {
            var due = await store.FindDueAsync(now, BatchSize, ct);
            foreach (var conversion in due)
            {
                var offer = await catalog.FindOfferAsync(conversion.OfferId, ct);
                var evidence = await store.GatherAsync(conversion, ct);
                var grace = offer?.ReconcileAfter ?? TimeSpan.Zero;
                conversion.FlagOneMethod(Explanations.ForOneMethod(conversion, evidence, grace, now), now);
            }
            await store.SaveAsync(ct);
            foreach (var conversion in due) metrics.DiscrepancyFlagged(conversion.Discrepancy!.Value);
            flagged += due.Count;
            if (due.Count < BatchSize) return flagged;
        }
    }
}
