namespace Tracking.Api.Features.Reports;

/// <summary>How the report groups; <c>adv1..adv5</c> (issue 11.6) group by the advertiser's free fields, null for those without.</summary>
public enum ReportGroupBy { Day, Offer, Affiliate, Goal, Adv1, Adv2, Adv3, Adv4, Adv5 }

/// <summary>
/// One group of the discrepancy report: <c>group</c> is the local day (yyyy-MM-dd), the offer id, the affiliate id or the goal
/// code, or the adv field's value (null for hits that name none); <c>reasons</c> counts the group's hits by outcome.
/// </summary>
public sealed record DiscrepancyRow(
    object? Group, int Conversions, int Both, int PixelOnly, int PostbackOnly, int Awaiting, int AmountMismatch,
    int CurrencyMismatch, decimal MatchRate, IReadOnlyDictionary<string, int> Reasons);

/// <summary>The counts of conversions of one group (or one bucket of it), as SQL aggregates them.</summary>
public sealed record ConversionCounts<TKey>(
    TKey Key, int Conversions, int Both, int PixelOnly, int PostbackOnly, int Awaiting, int AmountMismatch, int CurrencyMismatch);

/// <summary>Sums the buckets of one group and counts its hits by outcome.</summary>
internal sealed class GroupTotals(object? group)
{
    public object? Group { get; } = group;
    public int Conversions, Both, PixelOnly, PostbackOnly, Awaiting, AmountMismatch, CurrencyMismatch;
    public SortedDictionary<string, int> Reasons { get; } = new(StringComparer.Ordinal);

    public void Add<TKey>(ConversionCounts<TKey> c)
    {
        Conversions += c.Conversions;
        Both += c.Both;
        PixelOnly += c.PixelOnly;
        PostbackOnly += c.PostbackOnly;
        Awaiting += c.Awaiting;
        AmountMismatch += c.AmountMismatch;
        CurrencyMismatch += c.CurrencyMismatch;
    }

    public void AddReason(string reason, int count) => Reasons[reason] = Reasons.GetValueOrDefault(reason) + count;

    /// <summary>Conversions both methods saw, over all conversions; 0 when there are none.</summary>
    public DiscrepancyRow ToRow() => new(Group, Conversions, Both, PixelOnly, PostbackOnly, Awaiting, AmountMismatch, CurrencyMismatch,
        Conversions == 0 ? 0m : Math.Round((decimal)Both / Conversions, 4, MidpointRounding.AwayFromZero), Reasons);
}
