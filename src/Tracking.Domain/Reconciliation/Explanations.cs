using Tracking.Domain.Common;
using Tracking.Domain.Conversions;

namespace Tracking.Domain.Reconciliation;

/// <summary>SPEC 4.7: a human-readable reason why only one method saw a conversion, built from the evidence, most telling first.</summary>
public static class Explanations
{
    public static string ForOneMethod(Conversion c, Evidence e, TimeSpan grace, DateTime now)
    {
        var missing = c.HasPixel ? Method.Postback : Method.Pixel;
        var seen = c.HasPixel ? Method.Pixel : Method.Postback;
        var seenAt = (c.HasPixel ? c.PixelAt : c.PostbackAt)!.Value;
        var suffix = $" (flagged after the {Durations.Describe(grace)} grace period)";

        var rejected = e.SameClick.FirstOrDefault(h => !Reasons.IsAccepted(h.Outcome) && h.Outcome is not null);
        if (rejected is not null)
            return $"a {missing.Name()} for this click was rejected: {rejected.Outcome}{suffix}";

        var otherGoal = e.SameClick.FirstOrDefault(h => h.Goal != c.Goal);
        if (otherGoal is not null)
            return $"a {missing.Name()} for this click arrived for goal '{otherGoal.Goal}', not '{c.Goal}'{suffix}";

        var elsewhere = e.SameClick.FirstOrDefault(h => h.ConversionId is not null && h.ConversionId != c.Id);
        if (elsewhere is not null)
            return $"a {missing.Name()} for this click made another conversion ({Ids(elsewhere)} instead of {Ids(c.OrderId, c.EventId)}){suffix}";

        if (missing == Method.Pixel && e.CookielessPixels.Count > 0)
        {
            var nearest = e.CookielessPixels.OrderBy(p => (p.ReceivedAt - seenAt).Duration()).First();
            var when = nearest.ReceivedAt >= seenAt ? "after" : "before";
            var ids = nearest.OrderId is null && nearest.EventId is null ? "without order_id or event_id" : $"with {Ids(nearest)}";
            return $"a pixel hit for this offer arrived {Durations.Describe(nearest.ReceivedAt - seenAt)} {when} the postback without a click cookie, {ids}{suffix}";
        }

        if (missing == Method.Pixel)
            return e.OfferHitsSince == 0
                ? $"no pixel hit for this offer since the click{suffix}"
                : $"{e.OfferHitsSince} pixel hit(s) for this offer arrived since the click, none for this click{suffix}";
        return c.ClickId is null
            ? $"no postback carried this conversion's {Ids(c.OrderId, c.EventId)}{suffix}"
            : $"no postback for this click in the {Durations.Describe(now - seenAt)} since the {seen.Name()}{suffix}";
    }


    private static string Ids(HitTrace h) => Ids(h.OrderId, h.EventId);

    private static string Ids(string? orderId, string? eventId) =>
        orderId is null && eventId is null ? "no order_id or event_id"
        : string.Join(", ", new[] { orderId is null ? null : $"order_id {orderId}", eventId is null ? null : $"event_id {eventId}" }.OfType<string>());
}
