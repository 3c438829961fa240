using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Features.Reports;
using Tracking.Api.Http;

namespace Tracking.Api.Dashboard.Pages;

/// <summary>
/// The analyst's start (SPEC 7 <c>/dashboard</c>): the discrepancy report by day for the filters in the URL, drawn as charts,
/// with its totals beside them. The figures are the report's own, through the same use case as <c>/api/reports/discrepancies</c>.
/// </summary>
public sealed class IndexModel(ISender sender, TimeProvider time) : ConsolePageModel(sender)
{
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "tz")] public string? Tz { get; set; }
    [BindProperty(SupportsGet = true, Name = "offer_id")] public string? OfferId { get; set; }
    [BindProperty(SupportsGet = true, Name = "affiliate_id")] public string? AffiliateId { get; set; }
    [BindProperty(SupportsGet = true, Name = "goal")] public string? Goal { get; set; }

    public IReadOnlyList<DiscrepancyRow> Days { get; private set; } = [];
    public OverviewTotals Totals { get; private set; } = OverviewTotals.Of([]);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Me.Role == Access.Roles.Affiliate) return RedirectToPage("/Conversions/Index");
        From ??= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(-29)).ToString("yyyy-MM-dd");
        To ??= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd");
        Days = await TryAsync(async () => await Sender.Send(Report("day"), ct)) ?? [];
        Totals = OverviewTotals.Of(Days);
        return Page();
    }

    private DiscrepancyReport Report(string groupBy) =>
        new(From, To, groupBy, Tz, QueryValues.Id(OfferId, "offer_id"), QueryValues.Id(AffiliateId, "affiliate_id"), Goal);

    /// <summary>The points the charts draw, as JSON in the page (read by console.js; no inline script).</summary>
    public string ChartData() => JsonSerializer.Serialize(new
    {
        days = Days.Select(d => d.Group?.ToString()),
        both = Days.Select(d => d.Both),
        pixelOnly = Days.Select(d => d.PixelOnly),
        postbackOnly = Days.Select(d => d.PostbackOnly),
        awaiting = Days.Select(d => d.Awaiting),
        matchRate = Days.Select(d => d.MatchRate),
        amountMismatch = Days.Select(d => d.AmountMismatch),
        reasons = ReasonBars().Select(r => r.Reason),
        reasonCounts = ReasonBars().Select(r => r.Count),
    });

    /// <summary>The conversions' discrepancies, then the hits refused or duplicated, by reason code.</summary>
    public IEnumerable<(string Reason, int Count)> ReasonBars() =>
        new[] { ("pixel_only", Totals.PixelOnly), ("postback_only", Totals.PostbackOnly), ("amount_mismatch", Totals.AmountMismatch),
            ("currency_mismatch", Totals.CurrencyMismatch) }.Concat(Totals.Reasons.Select(r => (r.Key, r.Value)));

    /// <summary>A day's drill-down: that day's conversions (in the same zone).</summary>
    public string DayLink(DiscrepancyRow day, string? discrepancy = null)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(string.IsNullOrWhiteSpace(Tz) ? "UTC" : Tz.Trim(), out var z) ? z : TimeZoneInfo.Utc;
        var start = DateOnly.ParseExact(day.Group?.ToString() ?? "", "yyyy-MM-dd").ToDateTime(TimeOnly.MinValue);
        string Utc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(local, zone).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        return "/dashboard/conversions" + QueryString.Create(new Dictionary<string, string?>
        {
            ["from"] = Utc(start),
            ["to"] = Utc(start.AddDays(1)),
            ["offer_id"] = OfferId,
            ["affiliate_id"] = AffiliateId,
            ["goal"] = Goal,
            ["discrepancy"] = discrepancy,
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
    }
}

/// <summary>The headline figures: the report's days added up.</summary>
public sealed record OverviewTotals(
    int Conversions, int Both, int PixelOnly, int PostbackOnly, int Awaiting, int AmountMismatch, int CurrencyMismatch,
    decimal MatchRate, SortedDictionary<string, int> Reasons)
{
    /// <summary>Outcomes that are not a problem: a conversion made or merged.</summary>
    private static readonly HashSet<string> Fine = ["converted", "merged"];

    public static OverviewTotals Of(IReadOnlyList<DiscrepancyRow> days)
    {
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (reason, count) in days.SelectMany(d => d.Reasons).Where(r => !Fine.Contains(r.Key)))
            reasons[reason] = reasons.GetValueOrDefault(reason) + count;
        var conversions = days.Sum(d => d.Conversions);
        var both = days.Sum(d => d.Both);
        return new OverviewTotals(conversions, both, days.Sum(d => d.PixelOnly), days.Sum(d => d.PostbackOnly), days.Sum(d => d.Awaiting),
            days.Sum(d => d.AmountMismatch), days.Sum(d => d.CurrencyMismatch),
            conversions == 0 ? 0 : Math.Round((decimal)both / conversions, 4, MidpointRounding.AwayFromZero), reasons);
    }
}
