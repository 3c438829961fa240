using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Tracking.Api.Access;
using Tracking.Api.Features.Hits;
using Tracking.Api.Http;
using Tracking.Infrastructure;

namespace Tracking.Api.Dashboard.Pages.Hits;

/// <summary>The pixel log and the postback debug log (SPEC 7 <c>/api/hits</c>): every hit as received, with its outcome.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = $"{Roles.Admin},{Roles.Analyst},{Roles.Advertiser}")]
public sealed class IndexModel(ISender sender, IOptions<TrackingOptions> options) : ConsolePageModel(sender)
{
    /// <summary>Issue 12.8: how long hits stay in these logs (conversions and their own hits stay for ever).</summary>
    public string Retention => options.Value.Retention.HitsFor is { TotalDays: > 0 } keep
        ? $"Hits are kept {keep.TotalDays:0.##} days; older ones are pruned, except those that make up a conversion (reports keep counting them)."
        : "Hits are kept for ever (retention is off).";

    [BindProperty(SupportsGet = true, Name = "method")] public string? Method { get; set; }
    [BindProperty(SupportsGet = true, Name = "outcome")] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true, Name = "offer_id")] public string? OfferId { get; set; }
    [BindProperty(SupportsGet = true, Name = "click_id")] public string? ClickId { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "cursor")] public string? Cursor { get; set; }

    public Page<HitDto> Results { get; private set; } = new([], null);

    public bool Filtered => new[] { Method, Outcome, OfferId, ClickId, From, To, Cursor }.Any(v => !string.IsNullOrEmpty(v));

    public string Title => Method switch { "pixel" => "Pixel log", "postback" => "Postback debug log", _ => "Hit logs" };

    public async Task OnGetAsync(CancellationToken ct) =>
        Results = await TryAsync(async () => await Sender.Send(new ListHits(
            new HitFilter(Method, Outcome, QueryValues.Id(OfferId, "offer_id"), null, null, ClickId, null, From, To),
            PageRequest.From(50, Cursor)), ct)) ?? new([], null);
}
