using System.Globalization;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;

namespace Tracking.Domain.Conversions;

/// <summary>Issue 11.3: revenue and payout sent with the postback, and a later postback that changes them.</summary>
public sealed partial class Conversion
{
    /// <summary>The revenue the latest postback sent (issue 11.3): when set, it is the conversion's revenue, whatever the goal's rule.</summary>
    public decimal? PostbackRevenue { get; private set; }
    /// <summary>The affiliate payout the latest postback sent (advertisers with <c>postback_sets_payout</c> only): it wins over the goal's rule.</summary>
    public decimal? PostbackPayout { get; private set; }

    /// <summary>
    /// A later postback of the same key (issue 11.3): its status and the revenue or payout it sends replace the
    /// conversion's, and the change is kept in the history. False when it changes nothing (a duplicate).
    /// </summary>
    public bool Update(Hit postback, GoalInfo goal, DateTime now)
    {
        KeepAdvFields(postback);
        var status = ConversionStatuses.TryParse(postback.Status, out var s) ? Held(s) : Status;
        var revenue = postback.Revenue ?? PostbackRevenue;
        var payout = postback.Payout ?? PostbackPayout;
        if (status == Status && revenue == PostbackRevenue && payout == PostbackPayout) return false;
        var from = Status;
        (PostbackRevenue, PostbackPayout) = (revenue, payout);
        Recompute(goal);
        if (status != from) (ForwardDueAt, HoldUntil) = (now, null);
        Status = status;
        _history.Add(new StatusChange(from, status, now, $"hit:{postback.Id}", Revenue, Payout));
        Touch(now);
        return true;
    }

    private static Method Other(Method m) => m == Method.Pixel ? Method.Postback : Method.Pixel;

    private static string Money(decimal? amount, string? currency) =>
        amount is null ? $"no amount{(currency is null ? "" : $" ({currency})")}" : $"{amount.Value.ToString("0.####", CultureInfo.InvariantCulture)} {currency}";
}
