namespace Tracking.Api.Features.Reports;

/// <summary>How the report groups; <c>adv1..adv5</c> (issue 11.6) group by the advertiser's free fields, null for those without.</summary>
public enum ReportGroupBy { Day, Offer, Affiliate, Goal, Adv1, Adv2, Adv3, Adv4, Adv5 }

/// <summary>
/// One group of the discrepancy report: <c>group</c> is the local day (yyyy-MM-dd), the offer id, the affiliate id or the goal
/// code, or the adv field's value (null for hits that name none); <c>reasons</c> counts the group's hits by outcome.
/// </summary>
public sealed record DiscrepancyRow(
    object? Group, int Conversions, int Both, int PixelOnly, int PostbackOnly, int Awaiting, int AmountMismatch,
    int CurrencyMismatch, decimal MatchRate, IReadOnlyDictionary<string, int> Reasons,
    IReadOnlyDictionary<string, decimal> Revenue, IReadOnlyDictionary<string, decimal> Payout,
    IReadOnlyDictionary<string, decimal> PendingRevenue, IReadOnlyDictionary<string, decimal> PendingPayout);

/// <summary>
/// Money of one currency (issue 11.3: revenue and payout, what the postback sent or the goal's rule): of the approved conversions,
/// and of the pending ones. Rejected conversions count no money. Sums are never mixed across currencies.
/// </summary>
public sealed record Money(string Currency, decimal Revenue, decimal Payout, decimal PendingRevenue, decimal PendingPayout)
{
    /// <summary>The label of conversions stored without a currency (none since ingress defaults to the offer's).</summary>
    public const string NoCurrency = "unknown";
}

/// <summary>The counts of conversions of one group (or one bucket of it), as SQL aggregates them.</summary>
public sealed record ConversionCounts<TKey>(
    TKey Key, int Conversions, int Both, int PixelOnly, int PostbackOnly, int Awaiting, int AmountMismatch, int CurrencyMismatch,
    Money? Money = null);

/// <summary>Sums the buckets of one group and counts its hits by outcome.</summary>
internal sealed class GroupTotals(object? group)
{
    public object? Group { get; } = group;
    public int Conversions, Both, PixelOnly, PostbackOnly, Awaiting, AmountMismatch, CurrencyMismatch;
    public SortedDictionary<string, int> Reasons { get; } = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, decimal>[] _money = [.. Enumerable.Range(0, 4).Select(_ => new SortedDictionary<string, decimal>(StringComparer.Ordinal))];

    public void Add<TKey>(ConversionCounts<TKey> c)
    {
        Conversions += c.Conversions;
        Both += c.Both;
        PixelOnly += c.PixelOnly;
        PostbackOnly += c.PostbackOnly;
        Awaiting += c.Awaiting;
        AmountMismatch += c.AmountMismatch;
        CurrencyMismatch += c.CurrencyMismatch;
        if (c.Money is { } m) AddMoney(m);
    }

    public void AddMoney(Money m)
    {
        decimal[] amounts = [m.Revenue, m.Payout, m.PendingRevenue, m.PendingPayout];
        for (var i = 0; i < amounts.Length; i++)
            if (amounts[i] != 0) _money[i][m.Currency] = _money[i].GetValueOrDefault(m.Currency) + amounts[i];
    }

    public void AddReason(string reason, int count) => Reasons[reason] = Reasons.GetValueOrDefault(reason) + count;

    /// <summary>Conversions both methods saw, over all conversions; 0 when there are none.</summary>
    public DiscrepancyRow ToRow() => new(Group, Conversions, Both, PixelOnly, PostbackOnly, Awaiting, AmountMismatch, CurrencyMismatch,
        Conversions == 0 ? 0m : Math.Round((decimal)Both / Conversions, 4, MidpointRounding.AwayFromZero), Reasons,
        _money[0], _money[1], _money[2], _money[3]);
}

/// <summary>The report's groups as counts arrive for them, from rollups and from rows alike.</summary>
internal sealed class ReportGroups
{
    private static readonly object NoGroup = new();
    private readonly Dictionary<object, GroupTotals> _groups = [];

    private GroupTotals At(object? group) =>
        _groups.TryGetValue(group ?? NoGroup, out var g) ? g : _groups[group ?? NoGroup] = new GroupTotals(group);

    public void AddConversions(IEnumerable<(object? Group, ConversionCounts<object?> Counts)> rows)
    {
        foreach (var (group, counts) in rows) At(group).Add(counts);
    }

    public void AddMoney(IEnumerable<(object? Group, Money Money)> rows)
    {
        foreach (var (group, money) in rows) At(group).AddMoney(money);
    }

    public void AddHits(IEnumerable<(object? Group, string? Reason, int Count)> rows)
    {
        foreach (var (group, reason, count) in rows) At(group).AddReason(reason ?? DiscrepancyReportHandler.Undecided, count);
    }

    /// <summary>The groups in order, the one without a group (hits that name none) last.</summary>
    public IReadOnlyList<DiscrepancyRow> Rows() =>
        _groups.Values.OrderBy(g => g.Group is null).ThenBy(g => g.Group, Comparer<object?>.Default).Select(g => g.ToRow()).ToList();
}
