using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Attribution;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Attribution;

/// <summary>
/// The attribution store over EF Core. <see cref="FindHitsAsync"/> prefetches, in a few indexed queries, everything the chunk's
/// hits can need (their clicks, the conversions their possible keys and ids name, parked pixels with their ids); the
/// finders then answer from what is tracked, which includes what this unit of work created or changed, and go to the
/// database only for what was not prefetched. Nothing is written until the end, when one SaveChanges takes the write
/// gate for a few milliseconds instead of for the whole chunk.
/// </summary>
internal sealed class EfAttributionStore(TrackingDbContext db, WriteGate gate) : IAttributionStore
{
    private readonly Dictionary<string, Click?> _clicks = new(StringComparer.Ordinal);
    private readonly List<Conversion> _conversions = [];
    private readonly List<Hit> _hits = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _orderIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);
    /// <summary>Clicks whose keyless conversions are loaded (only those of hits that may have no dedup key).</summary>
    private readonly HashSet<string> _keylessClicks = new(StringComparer.Ordinal);
    /// <summary>Whether each affiliate asked about has a forwarding template (the chunk's affiliates are read with its hits).</summary>
    private readonly Dictionary<int, bool> _forwarded = [];

    /// <summary>How long the ingress log must have left the write gate alone before a chunk may hold it four times as long.</summary>
    public static readonly TimeSpan QuietAfter = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public int ChunkSize => gate.IngressQuietFor(QuietAfter) ? HitProcessor.QuietChunkSize : HitProcessor.ChunkSize;

    public async Task InUnitOfWorkAsync(Func<Task> work, CancellationToken ct)
    {
        try
        {
            await work();
            using var turn = await gate.EnterAsync(ct);
            await PreparedSave.SaveAsync(db, ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
            _clicks.Clear();
            _conversions.Clear();
            _hits.Clear();
            _keys.Clear();
            _orderIds.Clear();
            _eventIds.Clear();
            _keylessClicks.Clear();
            _forwarded.Clear();
        }
    }

    public async Task<IReadOnlyList<Hit>> FindHitsAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var hits = await db.Hits.Where(h => ids.Contains(h.Id)).ToListAsync(ct);
        var open = hits.Where(h => !h.IsDecided).ToList();
        var clickIds = open.Select(h => h.ClickId).OfType<string>().Distinct().ToList();
        foreach (var id in clickIds) _clicks[id] = null;
        foreach (var click in await db.Clicks.AsNoTracking().Where(c => clickIds.Contains(c.Id)).ToListAsync(ct)) _clicks[click.Id] = click;

        var orderIds = open.Select(h => h.OrderId).OfType<string>().Distinct().ToList();
        var eventIds = open.Select(h => h.EventId).OfType<string>().Distinct().ToList();
        var keys = orderIds.Select(o => "o:" + o).Concat(eventIds.Select(e => "e:" + e)).Concat(clickIds.Select(c => "c:" + c)).ToList();
        var offers = open.Select(h => h.OfferId).OfType<int>().Distinct().ToList();
        var goals = open.Select(h => h.Goal).OfType<string>().Distinct().ToList();
        // One query per index (offer, goal, key | order | event; click, goal): an OR across columns would scan the table.
        var mine = db.Conversions.Where(c => offers.Contains(c.OfferId) && goals.Contains(c.Goal));
        Track(await mine.Where(c => keys.Contains(c.DedupKey)).ToListAsync(ct));
        if (orderIds.Count > 0) Track(await mine.Where(c => orderIds.Contains(c.OrderId!)).ToListAsync(ct));
        if (eventIds.Count > 0) Track(await mine.Where(c => eventIds.Contains(c.EventId!)).ToListAsync(ct));
        // Keyless conversions matter only to hits without an event id or order id (DedupKey), whose match is heuristic. A
        // keyed hit's click can carry many keyed conversions (an app's in-app events), all of them in this index's range.
        var keylessClicks = open.Where(h => string.IsNullOrEmpty(h.EventId) && string.IsNullOrEmpty(h.OrderId))
            .Select(h => h.ClickId).OfType<string>().Distinct().ToList();
        if (keylessClicks.Count > 0)
            Track(await db.Conversions.Where(c => keylessClicks.Contains(c.ClickId!) && goals.Contains(c.Goal) && c.KeyKind == KeyKind.None).ToListAsync(ct));
        // The affiliates a chunk's conversions can have: those of its hits and of their clicks.
        var affiliates = open.Select(h => h.AffiliateId).OfType<int>().Concat(_clicks.Values.OfType<Click>().Select(c => c.AffiliateId)).Distinct().ToList();
        await LoadForwardedAsync(affiliates, ct);
        _hits.AddRange(hits);
        var chunk = ids.ToHashSet(StringComparer.Ordinal);
        _hits.AddRange((await db.ParkedWithIdsAsync(orderIds, eventIds, ct)).Where(h => !chunk.Contains(h.Id)));
        _keys.UnionWith(keys);
        _orderIds.UnionWith(orderIds);
        _eventIds.UnionWith(eventIds);
        _keylessClicks.UnionWith(keylessClicks);
        return hits;
    }

    public async Task<Click?> FindClickAsync(string clickId, CancellationToken ct) =>
        _clicks.TryGetValue(clickId, out var click) ? click : await db.Clicks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clickId, ct);

    public async Task<Conversion?> FindByKeyAsync(int offerId, string goal, string dedupKey, CancellationToken ct)
    {
        var tracked = _conversions.FirstOrDefault(c => c.OfferId == offerId && c.Goal == goal && c.DedupKey == dedupKey);
        if (tracked is not null || _keys.Contains(dedupKey)) return tracked;
        return Track(await db.Conversions.FirstOrDefaultAsync(c => c.OfferId == offerId && c.Goal == goal && c.DedupKey == dedupKey, ct));
    }

    public async Task<Conversion?> FindByIdsAsync(int offerId, string goal, string? orderId, string? eventId, Method missing, CancellationToken ct)
    {
        bool Matches(Conversion c) => c.OfferId == offerId && c.Goal == goal && !c.Has(missing)
            && ((orderId != null && c.OrderId == orderId) || (eventId != null && c.EventId == eventId));
        var tracked = _conversions.Where(Matches).OrderBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault();
        if (tracked is not null || ((orderId is null || _orderIds.Contains(orderId)) && (eventId is null || _eventIds.Contains(eventId)))) return tracked;
        var query = db.Conversions.Where(c => c.OfferId == offerId && c.Goal == goal
            && ((orderId != null && c.OrderId == orderId) || (eventId != null && c.EventId == eventId)));
        query = missing == Method.Pixel ? query.Where(c => c.PixelHitId == null) : query.Where(c => c.PostbackHitId == null);
        return Track(await query.OrderBy(c => c.Id).FirstOrDefaultAsync(ct));
    }

    public async Task<IReadOnlyList<Conversion>> FindKeylessAsync(string clickId, string goal, Method missing, CancellationToken ct)
    {
        if (_keylessClicks.Add(clickId))
            Track(await db.Conversions.Where(c => c.ClickId == clickId && c.KeyKind == KeyKind.None).ToListAsync(ct));
        return _conversions.Where(c => c.ClickId == clickId && c.Goal == goal && c.KeyKind == KeyKind.None && !c.Has(missing))
            .OrderBy(c => c.Id, StringComparer.Ordinal).Take(100).ToList();
    }

    public async Task<IReadOnlyList<Hit>> FindParkedPixelsAsync(int offerId, string goal, string? orderId, string? eventId, CancellationToken ct)
    {
        if ((orderId is not null && !_orderIds.Contains(orderId)) || (eventId is not null && !_eventIds.Contains(eventId)))
            TrackHits(await db.ParkedWithIdsAsync(orderId is null ? [] : [orderId], eventId is null ? [] : [eventId], ct));
        return _hits.Where(h => h.OfferId == offerId && h.Goal == goal && h.Method == Method.Pixel && h.Outcome == Reasons.NoClickId
                && ((orderId != null && h.OrderId == orderId) || (eventId != null && h.EventId == eventId)))
            .OrderBy(h => h.Id, StringComparer.Ordinal).Take(10).ToList();
    }

    /// <summary>
    /// Read with the chunk, outside the save's transaction: a template created while a chunk is decided applies from the
    /// next chunk on, as the planner's <c>PlanWithoutTemplatesAsync</c> would have seen it a moment later anyway.
    /// </summary>
    public async ValueTask<bool> ForwardsToAsync(int? affiliateId, CancellationToken ct)
    {
        if (affiliateId is not { } id) return false;
        if (!_forwarded.TryGetValue(id, out var forwarded))
        {
            await LoadForwardedAsync([id], ct);
            forwarded = _forwarded[id];
        }
        return forwarded;
    }

    private async Task LoadForwardedAsync(List<int> affiliateIds, CancellationToken ct)
    {
        if (affiliateIds.Count == 0) return;
        foreach (var id in affiliateIds) _forwarded[id] = false;
        foreach (var id in await db.ForwardingTemplates.Where(t => affiliateIds.Contains(t.AffiliateId)).Select(t => t.AffiliateId).Distinct().ToListAsync(ct))
            _forwarded[id] = true;
    }

    public void Add(Conversion conversion)
    {
        db.Conversions.Add(conversion);
        _conversions.Add(conversion);
    }

    private Conversion? Track(Conversion? conversion)
    {
        if (conversion is not null) Track([conversion]);
        return conversion;
    }

    private void Track(IEnumerable<Conversion> conversions)
    {
        foreach (var c in conversions)
            if (!_conversions.Contains(c)) _conversions.Add(c);
    }

    private void TrackHits(IEnumerable<Hit> hits)
    {
        foreach (var h in hits)
            if (!_hits.Contains(h)) _hits.Add(h);
    }
}
