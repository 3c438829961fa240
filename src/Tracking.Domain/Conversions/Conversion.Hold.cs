using Tracking.Domain.Catalog;
using Tracking.Domain.Hits;

namespace Tracking.Domain.Conversions;

/// <summary>
/// Issue 11.4, hold periods (Affise's hold): under an offer's <c>hold_days</c> a conversion that would start approved starts
/// <c>pending</c> with <see cref="HoldUntil"/> set, and the worker approves it then (<see cref="ReleaseHold"/>). Precedence:
/// a decision wins over the hold. Any change of status (a person through the API, a rejecting postback) ends the hold; an
/// approving postback meanwhile does not shorten it (it says what the hold would do anyway), and an advertiser's explicit
/// <c>pending</c> or <c>rejected</c> on the first hit is kept as sent, without a hold.
/// </summary>
public sealed partial class Conversion
{
    /// <summary>The source of the history entry the hold's approval makes.</summary>
    public const string HoldElapsed = "hold_elapsed";

    /// <summary>When a held conversion is approved, unless its status changed before; null when it is not held.</summary>
    public DateTime? HoldUntil { get; private set; }

    /// <summary>
    /// The hold is over: approves the conversion if it is still held and pending (a person's change or a rejection cleared
    /// the hold). False when there is nothing to do, so a second worker that read the same row changes nothing.
    /// </summary>
    public bool ReleaseHold(DateTime now)
    {
        if (Status != ConversionStatus.Pending || HoldUntil is not { } until || until > now) return false;
        return ChangeStatus(ConversionStatus.Approved, now, HoldElapsed);
    }

    private ConversionStatus InitialStatus(OfferInfo offer, Hit hit, DateTime now)
    {
        var sent = ConversionStatuses.TryParse(hit.Status, out var s) ? s : (ConversionStatus?)null;
        if (offer.HoldDays > 0 && sent is null or ConversionStatus.Approved)
        {
            HoldUntil = now.AddDays(offer.HoldDays);
            return ConversionStatus.Pending;
        }
        return sent ?? (offer.HoldForApproval ? ConversionStatus.Pending : ConversionStatus.Approved);
    }

    /// <summary>While held, an approval by a hit keeps the conversion pending until the hold is over.</summary>
    private ConversionStatus Held(ConversionStatus sent) =>
        HoldUntil is not null && sent == ConversionStatus.Approved ? ConversionStatus.Pending : sent;
}
