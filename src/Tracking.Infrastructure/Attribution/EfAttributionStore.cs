using System.Data;
using System.Globalization;
using System.Text;
using Microsoft.Data.SqlClient;
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
    // What was prefetched, by (offer, goal, value): a finder asked for one of these answers from what is tracked.
    private readonly HashSet<(int, string, string)> _keys = [];
    private readonly HashSet<(int, string, string)> _orderIds = [];
    private readonly HashSet<(int, string, string)> _eventIds = [];
    // Parked pixels are read by their ids alone.
    private readonly HashSet<string> _parkedOrderIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _parkedEventIds = new(StringComparer.Ordinal);
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
            // SQLite's writers take turns at its one write lock (the gate above): nothing to guard there.
            await PreparedSave.SaveAsync(db, ct, db.Database.IsSqlite() ? null : KeylessGuardAsync);
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
            _parkedOrderIds.Clear();
            _parkedEventIds.Clear();
            _keylessClicks.Clear();
            _forwarded.Clear();
        }
    }

    /// <summary>
    /// Two units of work deciding hits of one click at once (two messages of a worker, or two workers) do not see each
    /// other's keyless conversions, and no unique key stands between them: a keyless pixel and a keyless postback of one
    /// click, decided side by side, would each make a conversion where SPEC 4.5 merges them into one. Before writing the
    /// keyless conversions it made, the save locks their clicks for its transaction, in a fixed order (an advisory lock on
    /// PostgreSQL, an application lock on SQL Server), and looks for a keyless conversion of those clicks and goals that
    /// this unit did not read: one committed since its reads is a conflict, and the chunk is decided again with it in view.
    /// The reads covered every keyless conversion of those clicks and goals (the prefetch's clicks and goals, or the whole
    /// click when read on demand), so nothing older is taken for new.
    /// </summary>
    private async Task KeylessGuardAsync(CancellationToken ct)
    {
        var made = db.ChangeTracker.Entries<Conversion>()
            .Where(e => e.State == EntityState.Added && e.Entity.KeyKind == KeyKind.None && e.Entity.ClickId is not null).Select(e => e.Entity).ToList();
        if (made.Count == 0) return;
        var clicks = made.Select(c => c.ClickId!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var goals = made.Select(c => c.Goal).Distinct(StringComparer.Ordinal).ToArray();
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtextextended(c, 4500)) FROM unnest(@clicks) AS c ORDER BY c",
                [new Npgsql.NpgsqlParameter("clicks", clicks)], ct);
        else
            await LockOnSqlServerAsync(clicks, ct);
        var read = _conversions.Where(c => c.KeyKind == KeyKind.None).Select(c => c.Id).ToArray();
        // "ClickId != null": without it EF adds a branch for a null in the list, which no index serves.
        if (await db.Conversions.AnyAsync(c => c.ClickId != null && clicks.Contains(c.ClickId) && goals.Contains(c.Goal) && c.KeyKind == KeyKind.None
                && !read.Contains(c.Id), ct))
            throw new ConcurrencyConflictException("Another worker stored a keyless conversion of the same click meanwhile.",
                new DbUpdateConcurrencyException("A keyless conversion this unit of work did not read was committed."));
    }

    /// <summary>
    /// SQL Server's equivalent of the advisory locks: an application lock per click, owned by the save's transaction, taken
    /// in click-id order. A lock not granted (a deadlock victim, or 30 s without it) is a conflict: the chunk is decided again.
    /// </summary>
    private async Task LockOnSqlServerAsync(string[] clicks, CancellationToken ct)
    {
        var sql = new StringBuilder("DECLARE @granted int;");
        for (var i = 0; i < clicks.Length; i++)
            sql.Append(CultureInfo.InvariantCulture,
                $" EXEC @granted = sp_getapplock @Resource = @c{i}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000;"
                + $" IF @granted < 0 THROW {KeylessLockRefused}, 'The keyless lock of a click was not granted.', 1;");
        var parameters = clicks.Select((c, i) => new SqlParameter($"@c{i}", SqlDbType.NVarChar, 255) { Value = "tracking-keyless:" + c }).ToArray<object>();
        try
        {
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
        }
        catch (SqlException ex) when (ex.Number == KeylessLockRefused || SaveConflicts.IsConflict(ex))
        {
            throw new ConcurrencyConflictException("The keyless lock of a click was not granted.", ex);
        }
    }

    /// <summary>The error number the SQL Server guard raises when <c>sp_getapplock</c> does not grant a lock.</summary>
    private const int KeylessLockRefused = 51026;

    public async Task<IReadOnlyList<Hit>> FindHitsAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var hits = await db.Hits.Where(h => ids.Contains(h.Id)).ToListAsync(ct);
        var open = hits.Where(h => !h.IsDecided).ToList();
        var clickIds = open.Select(h => h.ClickId).OfType<string>().Distinct().ToList();
        foreach (var id in clickIds) _clicks[id] = null;
        foreach (var click in await db.Clicks.AsNoTracking().Where(c => clickIds.Contains(c.Id)).ToListAsync(ct)) _clicks[click.Id] = click;

        var orderIds = open.Select(h => h.OrderId).OfType<string>().Distinct().ToList();
        var eventIds = open.Select(h => h.EventId).OfType<string>().Distinct().ToList();
        // Each hit's own offer and goal with each key it can have (SPEC 4.2) and with its ids (a merge across key kinds).
        var known = open.Where(h => h.OfferId is not null && h.Goal is not null).ToList();
        var keys = known.SelectMany(h => new[] { h.OrderId is null ? null : "o:" + h.OrderId, h.EventId is null ? null : "e:" + h.EventId,
            h.ClickId is null ? null : "c:" + h.ClickId }.OfType<string>().Select(k => (h.OfferId!.Value, h.Goal!, k))).ToHashSet();
        var byOrder = known.Where(h => h.OrderId is not null).Select(h => (h.OfferId!.Value, h.Goal!, h.OrderId!)).ToHashSet();
        var byEvent = known.Where(h => h.EventId is not null).Select(h => (h.OfferId!.Value, h.Goal!, h.EventId!)).ToHashSet();
        var goals = known.Select(h => h.Goal!).Distinct().ToList();
        // One query per index (ConversionQueries; then click and goal below): an OR across columns would scan the table.
        if (keys.Count > 0) Track(await db.WithKeys(keys).ToListAsync(ct));
        if (byOrder.Count > 0) Track(await db.WithOrderIds(byOrder).ToListAsync(ct));
        if (byEvent.Count > 0) Track(await db.WithEventIds(byEvent).ToListAsync(ct));
        // Keyless conversions matter only to hits without an event id or order id (DedupKey), whose match is heuristic. A
        // keyed hit's click can carry many keyed conversions (an app's in-app events), all of them in this index's range.
        var keylessClicks = open.Where(h => string.IsNullOrEmpty(h.EventId) && string.IsNullOrEmpty(h.OrderId))
            .Select(h => h.ClickId).OfType<string>().Distinct().ToList();
        if (keylessClicks.Count > 0)
            Track(await db.Conversions.Where(c => c.ClickId != null && keylessClicks.Contains(c.ClickId) && goals.Contains(c.Goal) && c.KeyKind == KeyKind.None)
                .ToListAsync(ct));
        // The affiliates a chunk's conversions can have: those of its hits and of their clicks.
        var affiliates = open.Select(h => h.AffiliateId).OfType<int>().Concat(_clicks.Values.OfType<Click>().Select(c => c.AffiliateId)).Distinct().ToList();
        await LoadForwardedAsync(affiliates, ct);
        _hits.AddRange(hits);
        var chunk = ids.ToHashSet(StringComparer.Ordinal);
        _hits.AddRange((await db.ParkedWithIdsAsync(orderIds, eventIds, ct)).Where(h => !chunk.Contains(h.Id)));
        _keys.UnionWith(keys);
        _orderIds.UnionWith(byOrder);
        _eventIds.UnionWith(byEvent);
        _parkedOrderIds.UnionWith(orderIds);
        _parkedEventIds.UnionWith(eventIds);
        _keylessClicks.UnionWith(keylessClicks);
        return hits;
    }

    public async Task<Click?> FindClickAsync(string clickId, CancellationToken ct) =>
        _clicks.TryGetValue(clickId, out var click) ? click : await db.Clicks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clickId, ct);

    public async Task<Conversion?> FindByKeyAsync(int offerId, string goal, string dedupKey, CancellationToken ct)
    {
        var tracked = _conversions.FirstOrDefault(c => c.OfferId == offerId && c.Goal == goal && c.DedupKey == dedupKey);
        if (tracked is not null || _keys.Contains((offerId, goal, dedupKey))) return tracked;
        return Track(await db.Conversions.FirstOrDefaultAsync(c => c.OfferId == offerId && c.Goal == goal && c.DedupKey == dedupKey, ct));
    }

    public async Task<Conversion?> FindByIdsAsync(int offerId, string goal, string? orderId, string? eventId, Method missing, CancellationToken ct)
    {
        bool Matches(Conversion c) => c.OfferId == offerId && c.Goal == goal && !c.Has(missing)
            && ((orderId != null && c.OrderId == orderId) || (eventId != null && c.EventId == eventId));
        var tracked = _conversions.Where(Matches).OrderBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault();
        if (tracked is not null || ((orderId is null || _orderIds.Contains((offerId, goal, orderId))) && (eventId is null || _eventIds.Contains((offerId, goal, eventId)))))
            return tracked;
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
        if ((orderId is not null && !_parkedOrderIds.Contains(orderId)) || (eventId is not null && !_parkedEventIds.Contains(eventId)))
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
