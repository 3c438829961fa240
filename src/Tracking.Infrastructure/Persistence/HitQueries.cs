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
}
