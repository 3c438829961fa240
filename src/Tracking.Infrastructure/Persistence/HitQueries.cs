using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;

namespace Tracking.Infrastructure.Persistence;

/// <summary>Lookups of hits that have to match the indexes the ingress row leaves out.</summary>
public static class HitQueries
{
    /// <summary>
    /// The hits carrying a click id, decided or not. <c>ix_hits_decided_click_id</c> holds decided hits only (ingress does not
    /// pay for a random key per hit); the undecided ones are the worker's backlog and are read through <c>ix_hits_undecided</c>.
    /// Each side of the OR names its index's condition, so that SQLite and PostgreSQL can use the two partial indexes.
    /// </summary>
    public static IQueryable<Hit> WithClickId(this IQueryable<Hit> hits, string clickId) =>
        hits.Where(h => (h.DecidedAt != null && h.ClickId == clickId) || (h.DecidedAt == null && h.ClickId == clickId));

    /// <summary>
    /// Parked cookieless pixels (<c>no_click_id</c>) naming one of <paramref name="orderIds"/> or
    /// <paramref name="eventIds"/>, read through <c>ix_hits_parked_order_id</c> and <c>ix_hits_parked_event_id</c>, one
    /// query each (decision 0022).
    /// </summary>
    public static async Task<List<Hit>> ParkedWithIdsAsync(this TrackingDbContext db, IReadOnlyCollection<string> orderIds,
        IReadOnlyCollection<string> eventIds, CancellationToken ct)
    {
        var found = new List<Hit>();
        if (orderIds.Count > 0) found.AddRange(await db.ParkedWithOrderIds(orderIds).ToListAsync(ct));
        if (eventIds.Count > 0) found.AddRange(await db.ParkedWithEventIds(eventIds).ToListAsync(ct));
        return found.DistinctBy(h => h.Id).ToList();
    }

    public static IQueryable<Hit> ParkedWithOrderIds(this TrackingDbContext db, IReadOnlyCollection<string> orderIds) =>
        Parked(db, ByOrderIdOnSqlite, h => h.OrderId != null).Where(h => orderIds.Contains(h.OrderId!));

    public static IQueryable<Hit> ParkedWithEventIds(this TrackingDbContext db, IReadOnlyCollection<string> eventIds) =>
        Parked(db, ByEventIdOnSqlite, h => h.EventId != null).Where(h => eventIds.Contains(h.EventId!));

    /// <summary>
    /// SQLite plans without statistics (the product runs no <c>ANALYZE</c>), and its default estimates rank
    /// <c>outcome = ?</c> on <c>ix_hits_outcome</c> above an <c>IN</c> list of ids on the partial index: that plan reads
    /// every parked pixel. <c>INDEXED BY</c> fixes the plan, and fails loudly if the index is ever gone. PostgreSQL and SQL
    /// Server keep statistics and choose the partial index by themselves once parked pixels are many.
    /// </summary>
    private static IQueryable<Hit> Parked(TrackingDbContext db, string sqlite, Expression<Func<Hit, bool>> hasId) =>
        db.Database.IsSqlite() ? db.Hits.FromSqlRaw(sqlite) : db.Hits.Where(h => h.Outcome == Reasons.NoClickId).Where(hasId);

    private const string ByOrderIdOnSqlite =
        "SELECT * FROM hits INDEXED BY ix_hits_parked_order_id WHERE outcome = '" + Reasons.NoClickId + "' AND order_id IS NOT NULL";
    private const string ByEventIdOnSqlite =
        "SELECT * FROM hits INDEXED BY ix_hits_parked_event_id WHERE outcome = '" + Reasons.NoClickId + "' AND event_id IS NOT NULL";
}
