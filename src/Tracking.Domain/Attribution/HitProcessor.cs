using Tracking.Domain.Catalog;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Forwarding;
using Tracking.Domain.Hits;

namespace Tracking.Domain.Attribution;

/// <summary>
/// The worker's use case (SPEC 4.1 to 4.6, 4.8): gives each recorded hit its one outcome and creates, merges or counts
/// the conversion it describes. Hits are decided in id order, a chunk per unit of work; processing a decided hit again
/// does nothing, so redelivery is safe.
/// </summary>
public sealed partial class HitProcessor(IAttributionStore store, ICatalog catalog, ClickIdCodec codec, IConversionEvents events, TimeProvider time,
    TrackingMetrics metrics)
{
    // What the current unit of work did, measured only once it has committed (a conflict retries the whole chunk).
    private readonly List<Hit> _decided = [];
    private readonly List<Discrepancy> _flagged = [];
    private int _merges;

    /// <summary>How long a valid click id whose row is missing is waited for before <c>unknown_click</c>.</summary>
    public static readonly TimeSpan ClickWriteGrace = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan HeuristicWindow = TimeSpan.FromHours(48);
    /// <summary>Hits per transaction: large enough to share commits, small enough not to hold the writer long.</summary>
    public const int ChunkSize = 64;
    /// <summary>
    /// Hits per transaction while nothing else waits on the same writer (<see cref="IAttributionStore.ChunkSize"/>, decision
    /// 0024): a backlog drained after a burst or an outage shares each transaction's fixed costs over four times as many hits.
    /// </summary>
    public const int QuietChunkSize = 4 * ChunkSize;

    /// <summary>
    /// Decides every undecided hit among <paramref name="hitIds"/>. Hits whose click is still in flight are left undecided
    /// and reported at the end by <see cref="ClickNotYetStoredException"/>, so the message is retried for them alone.
    /// </summary>
    public async Task ProcessAsync(IReadOnlyList<string> hitIds, CancellationToken ct)
    {
        var waiting = new List<string>();
        for (var start = 0; start < hitIds.Count;)
        {
            // Asked before each chunk: once the ingress log writes again, the next chunk is the short one.
            var chunk = new string[Math.Min(store.ChunkSize, hitIds.Count - start)];
            for (var i = 0; i < chunk.Length; i++) chunk[i] = hitIds[start + i];
            start += chunk.Length;
            using var activity = TrackingMetrics.Source.StartActivity("decide hits");
            activity?.SetTag("tracking.hits", chunk.Length);
            var changed = new List<Conversion>();
            await store.InUnitOfWorkAsync(async () =>
            {
                Reset();
                changed.Clear();
                var hits = await store.FindHitsAsync(chunk, ct);
                foreach (var hit in hits.Where(h => !h.IsDecided).OrderBy(h => h.Id, StringComparer.Ordinal))
                {
                    try
                    {
                        if (await DecideAsync(hit, time.GetUtcNow().UtcDateTime, ct) is { ForwardDueAt: not null } conversion)
                        {
                            // An affiliate without templates gets no delivery: the change is planned as it is made.
                            if (await store.ForwardsToAsync(conversion.AffiliateId, ct)) changed.Add(conversion);
                            else conversion.ForwardingPlanned();
                        }
                        _decided.Add(hit);
                    }
                    catch (ClickNotYetStoredException)
                    {
                        waiting.Add(hit.ClickId!);
                    }
                }
            }, ct);
            Measure();
            // After the commit, one message per chunk; if it is lost, the conversions' forwarding marker brings them back.
            if (changed.Count > 0) await events.ChangedAsync(changed.Select(c => c.Id).Distinct().ToList(), ct);
        }
        if (waiting.Count > 0) throw new ClickNotYetStoredException(string.Join(", ", waiting.Distinct()));
    }

    private void Reset()
    {
        _decided.Clear();
        _flagged.Clear();
        _merges = 0;
    }

    private void Measure()
    {
        foreach (var hit in _decided) metrics.HitDecided(hit);
        foreach (var kind in _flagged) metrics.DiscrepancyFlagged(kind);
        metrics.ConversionsMerged(_merges);
        Reset();
    }

    private async Task<Conversion?> DecideAsync(Hit hit, DateTime now, CancellationToken ct)
    {
        if (await AdmitAsync(hit, now, ct) is not (var offer, var goal, var click)) return null;
        return click is null
            ? await AttributeCookielessPixelAsync(hit, offer, goal, now, ct)
            : await AttributeAsync(hit, offer, goal, click, now, ct);
    }

    /// <summary>SPEC 4.2 to 4.5: the hit joins the conversion of its dedup key, else a heuristic match, else makes one.</summary>
    private async Task<Conversion> AttributeAsync(Hit hit, OfferInfo offer, GoalInfo goal, Click click, DateTime now, CancellationToken ct)
    {
        var key = DedupKey.For(goal, hit);
        var heuristic = false;
        var conversion = key.Kind == KeyKind.None ? null : await FindKeyedAsync(offer, goal, key, hit, ct);
        if (key.Kind == KeyKind.None)
        {
            conversion = await FindHeuristicAsync(click, goal, hit, ct);
            heuristic = conversion is not null;
        }

        if (conversion is null)
        {
            conversion = Conversion.Create(SortableId.New(now), offer, goal, click, key, hit, now);
            store.Add(conversion);
            hit.Decide(Reasons.Converted, conversion.Id, null, now);
            if (hit.Method == Method.Postback) await ClaimParkedPixelAsync(conversion, offer, goal, hit, now, ct);
        }
        else
        {
            Observe(conversion, goal, click, hit, heuristic, now);
        }
        return conversion;
    }

    /// <summary>SPEC 4.6: a pixel without a click id joins the conversion of its order id or event id, or is kept for one.</summary>
    private async Task<Conversion?> AttributeCookielessPixelAsync(Hit hit, OfferInfo offer, GoalInfo goal, DateTime now, CancellationToken ct)
    {
        if (hit.OrderId is null && hit.EventId is null)
        {
            hit.Decide(Reasons.NoClickId, null, "no click id in the request or cookie, and no order_id or event_id to match a postback", now);
            return null;
        }
        var conversion = await FindKeyedAsync(offer, goal, DedupKey.For(goal, hit), hit, ct);
        if (conversion is null)
        {
            hit.Decide(Reasons.NoClickId, null, "no click id; kept, and merged if a postback with the same order_id or event_id arrives", now);
            return null;
        }
        Observe(conversion, goal, null, hit, heuristic: false, now);
        return conversion;
    }

    private async Task<Conversion?> FindKeyedAsync(OfferInfo offer, GoalInfo goal, DedupKey key, Hit hit, CancellationToken ct) =>
        await store.FindByKeyAsync(offer.Id, goal.Code, key.Value, ct)
        ?? (key.Kind is KeyKind.EventId or KeyKind.OrderId
            ? await store.FindByIdsAsync(offer.Id, goal.Code, hit.OrderId, hit.EventId, hit.Method, ct)
            : null);

    /// <summary>SPEC 4.5: the closest unmatched other-method conversion of the click and goal within 48 h with equal amounts.</summary>
    private async Task<Conversion?> FindHeuristicAsync(Click click, GoalInfo goal, Hit hit, CancellationToken ct)
    {
        var candidates = await store.FindKeylessAsync(click.Id, goal.Code, hit.Method, ct);
        return candidates
            .Select(c => (Conversion: c, At: c.HasPixel ? c.PixelAt!.Value : c.PostbackAt!.Value, Amount: c.HasPixel ? c.PixelAmount : c.PostbackAmount))
            .Where(c => (c.At - hit.ReceivedAt).Duration() <= HeuristicWindow && Amounts.Agree(c.Amount, hit.Amount))
            .OrderBy(c => (c.At - hit.ReceivedAt).Duration())
            .Select(c => c.Conversion)
            .FirstOrDefault();
    }

    private void Observe(Conversion conversion, GoalInfo goal, Click? click, Hit hit, bool heuristic, DateTime now)
    {
        if (!conversion.Has(hit.Method))
        {
            Merge(conversion, hit, goal, click, heuristic, now);
            hit.Decide(Reasons.Merged, conversion.Id, heuristic ? "heuristic match" : null, now);
        }
        else if (hit.Method == Method.Postback && conversion.Update(hit, goal, now))
        {
            hit.Decide(Reasons.StatusUpdated, conversion.Id, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"status {StatusWords.Name(conversion.Status)}, revenue {conversion.Revenue:0.####}, payout {conversion.Payout:0.####}"), now);
        }
        else
        {
            conversion.RecordDuplicate(now);
            hit.Decide(Reasons.Duplicate, conversion.Id, null, now);
        }
    }

    private async Task ClaimParkedPixelAsync(Conversion conversion, OfferInfo offer, GoalInfo goal, Hit postback, DateTime now, CancellationToken ct)
    {
        if (postback.OrderId is null && postback.EventId is null) return;
        var parked = await store.FindParkedPixelsAsync(offer.Id, goal.Code, postback.OrderId, postback.EventId, ct);
        if (parked.Count == 0) return;
        Merge(conversion, parked[0], goal, null, heuristic: false, now);
        parked[0].ClaimParkedPixel(conversion.Id, now);
    }

    private void Merge(Conversion conversion, Hit hit, GoalInfo goal, Click? click, bool heuristic, DateTime now)
    {
        var before = conversion.Discrepancy;
        conversion.Merge(hit, goal, click, heuristic, now);
        _merges++;
        if (conversion.Discrepancy is { } raised && raised != before) _flagged.Add(raised);
    }
}
