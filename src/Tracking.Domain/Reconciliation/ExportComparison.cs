using Tracking.Domain.Common;

namespace Tracking.Domain.Reconciliation;

/// <summary>
/// Compares an advertiser's export with the conversions of one offer (issue 11.7), a line at a time: the conversions are
/// held by order id (or event id), each line of the export is matched as it is read, and what no line named is missing in
/// the export. Amounts agree as the two methods' amounts do (SPEC 4.4: within 1% of the larger one) and only in the same
/// currency; a column the export does not have is not compared.
/// </summary>
public sealed class ExportComparison(string offerCurrency)
{
    private readonly Dictionary<string, OurConversion> _byKey = new(StringComparer.Ordinal);
    private readonly List<OurConversion> _all = [];

    public int Conversions => _all.Count;

    /// <summary>Holds a conversion; one outside the period (<paramref name="inPeriod"/> false) may match but is never missing in the export.</summary>
    public void Add(OurConversion conversion, bool inPeriod = true)
    {
        if (inPeriod) _all.Add(conversion);
        if (!_byKey.TryGetValue(conversion.Key, out var first))
        {
            _byKey.Add(conversion.Key, conversion);
            return;
        }
        while (first.Next is not null) first = first.Next;
        first.Next = conversion;
    }

    /// <summary>
    /// Matches a line: the first conversion with its id (and its goal, when the export names goals) that no earlier line
    /// matched. An id seen before whose conversions are all matched is a duplicate line; an id not held is missing here.
    /// </summary>
    public ExportLine Match(ExportRow row)
    {
        if (!_byKey.TryGetValue(row.Key, out var candidate)) return new(ExportOutcome.MissingHere, row, null, ExportDifferences.None);
        var anyOfGoal = false;
        for (; candidate is not null; candidate = candidate.Next)
        {
            if (row.Goal is not null && !string.Equals(row.Goal, candidate.Goal, StringComparison.OrdinalIgnoreCase)) continue;
            anyOfGoal = true;
            if (candidate.Seen) continue;
            candidate.Seen = true;
            return new(ExportOutcome.Matched, row, candidate, Compare(candidate, row));
        }
        return new(anyOfGoal ? ExportOutcome.DuplicateInExport : ExportOutcome.MissingHere, row, null, ExportDifferences.None);
    }

    /// <summary>The conversions of the period that no line matched, in the order they were added.</summary>
    public IEnumerable<ExportLine> MissingInExport() =>
        _all.Where(c => !c.Seen).Select(c => new ExportLine(ExportOutcome.MissingInExport, null, c, ExportDifferences.None));

    public ExportDifferences Compare(OurConversion ours, ExportRow theirs)
    {
        var differences = ExportDifferences.None;
        var ourCurrency = ours.Currency ?? offerCurrency;
        var sameCurrency = theirs.Currency is null || string.Equals(theirs.Currency, ourCurrency, StringComparison.Ordinal);
        if (!sameCurrency) differences |= ExportDifferences.Currency;
        if (sameCurrency && theirs.Amount is not null && !Amounts.Agree(ours.Amount ?? 0m, theirs.Amount)) differences |= ExportDifferences.Amount;
        if (theirs.Status is { } status && status != ours.Status) differences |= ExportDifferences.Status;
        return differences;
    }
}
