using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tracking.Domain.Conversions;

namespace Tracking.Infrastructure.Persistence;

/// <summary>
/// The worker's lookups of a chunk's candidate conversions by (offer, goal, value): through the unique
/// <c>(offer_id, goal, dedup_key)</c>, and through <c>(offer_id, goal, order_id)</c> and <c>(offer_id, goal, event_id)</c>,
/// which hold only the conversions that have the id (decision 0025). One query per index: an OR across columns would scan
/// the table.
/// <para>
/// PostgreSQL: one index lookup per wanted tuple (<c>unnest</c> joined laterally, every column of the index an equality),
/// a plan that stays right with any statistics. Lists of offers, goals and values (<c>= ANY</c>) were planned, while the
/// statistics were older than the rows (a new database in its first minute, a new offer until the next analyze), on
/// whichever index starts with the offer, reading every conversion of the offer and goal for each chunk. Elsewhere the
/// lists, whose plan SQLite makes without statistics; they fetch a superset (every offer with every goal and value), which
/// the store's bookkeeping allows.
/// </para>
/// </summary>
public static class ConversionQueries
{
    public static IQueryable<Conversion> WithKeys(this TrackingDbContext db, IReadOnlyCollection<(int Offer, string Goal, string Value)> wanted) =>
        Lookup(db, ByTuple + "dedup_key = k.value) AS c", wanted,
            (offers, goals, keys) => c => offers.Contains(c.OfferId) && goals.Contains(c.Goal) && keys.Contains(c.DedupKey));

    public static IQueryable<Conversion> WithOrderIds(this TrackingDbContext db, IReadOnlyCollection<(int Offer, string Goal, string Value)> wanted) =>
        Lookup(db, ByTuple + "order_id = k.value) AS c", wanted,
            (offers, goals, ids) => c => offers.Contains(c.OfferId) && goals.Contains(c.Goal) && c.OrderId != null && ids.Contains(c.OrderId));

    public static IQueryable<Conversion> WithEventIds(this TrackingDbContext db, IReadOnlyCollection<(int Offer, string Goal, string Value)> wanted) =>
        Lookup(db, ByTuple + "event_id = k.value) AS c", wanted,
            (offers, goals, ids) => c => offers.Contains(c.OfferId) && goals.Contains(c.Goal) && c.EventId != null && ids.Contains(c.EventId));

    private const string ByTuple = "SELECT c.* FROM unnest(@offers, @goals, @values) AS k(offer_id, goal, value) CROSS JOIN LATERAL " +
        "(SELECT * FROM conversions WHERE offer_id = k.offer_id AND goal = k.goal AND ";

    private static IQueryable<Conversion> Lookup(TrackingDbContext db, [ConstantExpected] string sql,
        IReadOnlyCollection<(int Offer, string Goal, string Value)> wanted, Func<int[], string[], string[], Expression<Func<Conversion, bool>>> lists)
    {
        if (db.Database.IsNpgsql())
            return db.Conversions.FromSqlRaw(sql,
                new NpgsqlParameter("offers", wanted.Select(w => w.Offer).ToArray()),
                new NpgsqlParameter("goals", wanted.Select(w => w.Goal).ToArray()),
                new NpgsqlParameter("values", wanted.Select(w => w.Value).ToArray()));
        return db.Conversions.Where(lists(
            wanted.Select(w => w.Offer).Distinct().ToArray(), wanted.Select(w => w.Goal).Distinct().ToArray(), wanted.Select(w => w.Value).Distinct().ToArray()));
    }
}
