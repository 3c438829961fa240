using System.Collections.Frozen;

namespace Tracking.Domain.Conversions;

/// <summary>
/// The words a postback's <c>status</c> may carry (issue 11.2): the vocabularies of other trackers mapped onto
/// <c>approved</c>, <c>pending</c> and <c>rejected</c>, plus an advertiser's own words, which win over the defaults.
/// </summary>
public static class StatusWords
{
    public const int MaxWords = 50;
    public const int MaxWordLength = 16;

    /// <summary>Keitaro lead/sale/rebill/rejected/trash, Affise 1/2/3/5, Trackier and RedTrack approved/pending/declined/cancelled, hold.</summary>
    public static readonly FrozenDictionary<string, ConversionStatus> Defaults = new Dictionary<string, ConversionStatus>
    {
        ["approved"] = ConversionStatus.Approved,
        ["approve"] = ConversionStatus.Approved,
        ["confirmed"] = ConversionStatus.Approved,
        ["sale"] = ConversionStatus.Approved,
        ["rebill"] = ConversionStatus.Approved,
        ["upsell"] = ConversionStatus.Approved,
        ["accepted"] = ConversionStatus.Approved,
        ["1"] = ConversionStatus.Approved,
        ["pending"] = ConversionStatus.Pending,
        ["lead"] = ConversionStatus.Pending,
        ["hold"] = ConversionStatus.Pending,
        ["new"] = ConversionStatus.Pending,
        ["wait"] = ConversionStatus.Pending,
        ["2"] = ConversionStatus.Pending,
        ["5"] = ConversionStatus.Pending,
        ["rejected"] = ConversionStatus.Rejected,
        ["reject"] = ConversionStatus.Rejected,
        ["declined"] = ConversionStatus.Rejected,
        ["cancelled"] = ConversionStatus.Rejected,
        ["canceled"] = ConversionStatus.Rejected,
        ["trash"] = ConversionStatus.Rejected,
        ["fraud"] = ConversionStatus.Rejected,
        ["chargeback"] = ConversionStatus.Rejected,
        ["3"] = ConversionStatus.Rejected,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The status a word stands for: the advertiser's own words first, then the defaults.</summary>
    public static bool TryResolve(string? word, IReadOnlyDictionary<string, ConversionStatus>? own, out ConversionStatus status)
    {
        var w = word?.Trim().ToLowerInvariant() ?? "";
        if (own is not null && own.TryGetValue(w, out status)) return true;
        return Defaults.TryGetValue(w, out status);
    }

    /// <summary>Every word accepted for an advertiser, sorted: for the 400 <c>invalid_status</c> that names them.</summary>
    public static IReadOnlyList<string> Accepted(IReadOnlyDictionary<string, ConversionStatus>? own) =>
        [.. Defaults.Keys.Concat(own?.Keys ?? []).Distinct().Order(StringComparer.Ordinal)];

    public static string Name(ConversionStatus status) => status switch
    {
        ConversionStatus.Approved => "approved",
        ConversionStatus.Pending => "pending",
        _ => "rejected",
    };
}
