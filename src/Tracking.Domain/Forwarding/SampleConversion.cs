using System.Globalization;
using Tracking.Domain.Common;

namespace Tracking.Domain.Forwarding;

/// <summary>
/// The macro values of a conversion that does not exist, for a template's test delivery: every macro filled, with values a
/// partner tells apart at a glance (<c>test-…</c> ids, status <c>approved</c>), and the template's own affiliate, offer and goal.
/// </summary>
public static class SampleConversion
{
    public const string Prefix = "test-";

    /// <summary>A fresh id that says it is a test: for the sample conversion and the test's <c>Idempotency-Key</c>.</summary>
    public static string NewId(DateTime now) => Prefix + SortableId.New(now);

    public static IReadOnlyDictionary<string, string?> Values(ForwardingTemplate template, DateTime now) =>
        new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["click_id"] = Prefix + "click",
            ["conversion_id"] = NewId(now),
            ["offer_id"] = (template.OfferId ?? 0).ToString(CultureInfo.InvariantCulture),
            ["aff_id"] = template.AffiliateId.ToString(CultureInfo.InvariantCulture),
            ["sub1"] = Prefix + "sub1",
            ["sub2"] = Prefix + "sub2",
            ["sub3"] = Prefix + "sub3",
            ["sub4"] = Prefix + "sub4",
            ["sub5"] = Prefix + "sub5",
            ["source"] = Prefix + "source",
            ["goal"] = template.Goal ?? "test",
            ["amount"] = "10",
            ["payout"] = "1.5",
            ["currency"] = "USD",
            ["status"] = "approved",
            ["order_id"] = Prefix + "order",
            ["event_id"] = Prefix + "event",
            ["timestamp"] = new DateTimeOffset(now, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["adv1"] = Prefix + "adv1",
            ["adv2"] = Prefix + "adv2",
            ["adv3"] = Prefix + "adv3",
            ["adv4"] = Prefix + "adv4",
            ["adv5"] = Prefix + "adv5",
        };
}
