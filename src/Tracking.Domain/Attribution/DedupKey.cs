using Tracking.Domain.Catalog;
using Tracking.Domain.Conversions;
using Tracking.Domain.Hits;

namespace Tracking.Domain.Attribution;

/// <summary>SPEC 4.2: (offer, goal, K), K = event_id, else order_id, else the click id for a once-per-click goal.</summary>
public readonly record struct DedupKey(KeyKind Kind, string Value)
{
    public static DedupKey For(GoalInfo goal, Hit hit)
    {
        if (!string.IsNullOrEmpty(hit.EventId)) return new(KeyKind.EventId, "e:" + hit.EventId);
        if (!string.IsNullOrEmpty(hit.OrderId)) return new(KeyKind.OrderId, "o:" + hit.OrderId);
        if (goal.OncePerClick && hit.ClickId is not null) return new(KeyKind.ClickId, "c:" + hit.ClickId);
        // No key: the conversion is keyed by the hit that made it, so the unique index still holds.
        return new(KeyKind.None, "h:" + hit.Id);
    }
}
