using Tracking.Domain.Conversions;
using Tracking.Domain.Reconciliation;

namespace Tracking.Api.Features.Reconciliation;

/// <summary>
/// The answer of a reconciliation against an export: the counts, then one item per export line (in file order) and per
/// conversion of the period that the export lacks. <see cref="Items"/> is enumerated as it is written, never copied.
/// </summary>
public sealed record ExportReconciliation(ExportSummary Summary, IEnumerable<ExportItem> Items)
{
    internal IReadOnlyList<ExportLine> Lines { get; private init; } = [];

    internal IReadOnlySet<string> Applied { get; private init; } = new HashSet<string>();

    public static ExportReconciliation From(int offerId, DateTime? from, DateTime? to, string matchedOn, List<ExportLine> lines, HashSet<string> applied)
    {
        var matched = lines.Where(l => l.Outcome == ExportOutcome.Matched).ToList();
        int Count(ExportOutcome o) => lines.Count(l => l.Outcome == o);
        int Differ(ExportDifferences d) => matched.Count(l => l.Differences.HasFlag(d));
        var summary = new ExportSummary(offerId, from, to, matchedOn, lines.Count(l => l.Theirs is not null), matched.Count,
            Count(ExportOutcome.MissingHere), Count(ExportOutcome.MissingInExport), Count(ExportOutcome.DuplicateInExport),
            Differ(ExportDifferences.Amount), Differ(ExportDifferences.Currency), Differ(ExportDifferences.Status), applied.Count);
        return new(summary, lines.Select(l => ExportItem.From(l, applied))) { Lines = lines, Applied = applied };
    }
}

/// <summary>The counts of a reconciliation; <c>applied</c> is how many conversions took the export's status.</summary>
public sealed record ExportSummary(int OfferId, DateTime? From, DateTime? To, string MatchedOn, int Lines, int Matched, int MissingHere,
    int MissingInExport, int DuplicatesInExport, int AmountDifferences, int CurrencyDifferences, int StatusDifferences, int Applied);

/// <summary>
/// One line of the answer. <c>result</c>: <c>matched</c>, <c>missing_here</c>, <c>missing_in_export</c> or <c>duplicate_in_export</c>;
/// <c>differences</c>: which of <c>amount</c>, <c>currency</c> and <c>status</c> differ for a matched line.
/// </summary>
public sealed record ExportItem(string Result, long? Line, string Id, string? ConversionId, string? Goal, decimal? Amount, string? Currency,
    string? Status, decimal? ExportAmount, string? ExportCurrency, string? ExportStatus, DateTime? ExportTime, IReadOnlyList<string> Differences,
    bool Applied)
{
    public static string ResultOf(ExportOutcome outcome) => outcome switch
    {
        ExportOutcome.Matched => "matched",
        ExportOutcome.MissingHere => "missing_here",
        ExportOutcome.MissingInExport => "missing_in_export",
        _ => "duplicate_in_export",
    };

    public static IReadOnlyList<string> Names(ExportDifferences d)
    {
        if (d == ExportDifferences.None) return [];
        var names = new List<string>(3);
        if (d.HasFlag(ExportDifferences.Amount)) names.Add("amount");
        if (d.HasFlag(ExportDifferences.Currency)) names.Add("currency");
        if (d.HasFlag(ExportDifferences.Status)) names.Add("status");
        return names;
    }

    public static ExportItem From(ExportLine l, IReadOnlySet<string> applied)
    {
        var (ours, theirs) = (l.Ours, l.Theirs);
        return new(ResultOf(l.Outcome), theirs?.Line, theirs?.Key ?? ours!.Key, ours?.Id, ours?.Goal ?? theirs?.Goal, ours?.Amount, ours?.Currency,
            ours is null ? null : StatusWords.Name(ours.Status), theirs?.Amount, theirs?.Currency, theirs?.StatusWord, theirs?.Time,
            Names(l.Differences), ours is not null && applied.Contains(ours.Id));
    }
}
