using Tracking.Domain.Conversions;

namespace Tracking.Domain.Reconciliation;

/// <summary>Where one line of the reconciliation against an advertiser's export stands (issue 11.7).</summary>
public enum ExportOutcome
{
    /// <summary>In the export and here; the differences say whether amount, currency and status agree.</summary>
    Matched,

    /// <summary>In the export, not here: no conversion of the offer has that order id (or event id).</summary>
    MissingHere,

    /// <summary>Here, not in the export: a conversion of the offer in the period whose id no line of the export names.</summary>
    MissingInExport,

    /// <summary>A second line of the export for an id whose conversions were already matched; compared with nothing.</summary>
    DuplicateInExport,
}

/// <summary>One data line of the advertiser's export, parsed and checked; a column that was not mapped is null.</summary>
public sealed record ExportRow(long Line, string Key, string? Goal, decimal? Amount, string? Currency, string? StatusWord,
    ConversionStatus? Status, DateTime? Time);

/// <summary>A conversion of ours as the comparison needs it: the conversions of one offer are held in memory by id.</summary>
public sealed class OurConversion(string id, string goal, string key, decimal? amount, string? currency, ConversionStatus status, DateTime createdAt)
{
    public string Id { get; } = id;
    public string Goal { get; } = goal;
    /// <summary>The order id or event id the export is matched on.</summary>
    public string Key { get; } = key;
    public decimal? Amount { get; } = amount;
    public string? Currency { get; } = currency;
    public ConversionStatus Status { get; } = status;
    public DateTime CreatedAt { get; } = createdAt;

    /// <summary>Whether a line of the export matched it.</summary>
    public bool Seen { get; internal set; }

    /// <summary>Another conversion of the offer with the same id (another goal).</summary>
    internal OurConversion? Next { get; set; }
}

/// <summary>One line of the answer: an export line, a conversion of ours, or both, and what differs between them.</summary>
public sealed record ExportLine(ExportOutcome Outcome, ExportRow? Theirs, OurConversion? Ours, ExportDifferences Differences)
{
    public bool Differs => Differences != ExportDifferences.None;
}

[Flags]
public enum ExportDifferences
{
    None = 0,
    Amount = 1,
    Currency = 2,
    Status = 4,
}
