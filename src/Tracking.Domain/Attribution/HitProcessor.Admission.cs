using Tracking.Domain.Catalog;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;

namespace Tracking.Domain.Attribution;

public sealed partial class HitProcessor
{
    /// <summary>What a hit needs to be attributed: its offer and goal, and its stored click (none for a cookieless pixel).</summary>
    private sealed record Admitted(OfferInfo Offer, GoalInfo Goal, Click? Click);

    /// <summary>
    /// SPEC 4.1: a known offer and goal, and a genuine click id of that offer whose click is stored and within the
    /// lookback. A hit that fails one is decided here and admitted no further; a click still being written is waited for.
    /// </summary>
    private async Task<Admitted?> AdmitAsync(Hit hit, DateTime now, CancellationToken ct)
    {
        var offer = hit.OfferId is int offerId ? await catalog.FindOfferAsync(offerId, ct) : null;
        if (offer is null) return Refuse(hit, Reasons.UnknownOffer, $"offer {hit.OfferId} does not exist", now);
        if (hit.Goal is null || !offer.Goals.TryGetValue(hit.Goal, out var goal))
            return Refuse(hit, Reasons.UnknownGoal, $"offer {offer.Id} has no goal '{hit.Goal}'", now);
        if (hit.ClickId is null) return new Admitted(offer, goal, null);

        if (!codec.TryParse(hit.ClickId, out var info)) return Refuse(hit, Reasons.InvalidClickId, "the click id fails its tamper check", now);
        if (info.OfferId != offer.Id)
            return Refuse(hit, Reasons.OfferMismatch, $"the click was for offer {info.OfferId}, the {hit.Method.Name()} for offer {offer.Id}", now);
        var click = await store.FindClickAsync(hit.ClickId, ct);
        if (click is null)
        {
            if (now - info.ClickedAt < ClickWriteGrace) throw new ClickNotYetStoredException(hit.ClickId);
            return Refuse(hit, Reasons.UnknownClick, "the click id is genuine but no such click was stored", now);
        }
        if (hit.ReceivedAt - click.ClickedAt > offer.Lookback)
            return Refuse(hit, Reasons.ClickExpired,
                $"the click is {Durations.Describe(hit.ReceivedAt - click.ClickedAt)} old; the offer's lookback is {offer.LookbackDays} days", now);
        return new Admitted(offer, goal, click);
    }

    private static Admitted? Refuse(Hit hit, string reason, string detail, DateTime now)
    {
        hit.Decide(reason, null, detail, now);
        return null;
    }
}
