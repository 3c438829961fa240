using Mediator;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Features.Conversions;
using Tracking.Api.Http;

namespace Tracking.Api.Dashboard.Pages.Conversions;

/// <summary>Conversions with the filters and cursor paging of <c>GET /api/conversions</c>, through the same use case.</summary>
public sealed class IndexModel(ISender sender) : ConsolePageModel(sender)
{
    [BindProperty(SupportsGet = true, Name = "offer_id")] public string? OfferId { get; set; }
    [BindProperty(SupportsGet = true, Name = "affiliate_id")] public string? AffiliateId { get; set; }
    [BindProperty(SupportsGet = true, Name = "goal")] public string? Goal { get; set; }
    [BindProperty(SupportsGet = true, Name = "click_id")] public string? ClickId { get; set; }
    [BindProperty(SupportsGet = true, Name = "method")] public string? Method { get; set; }
    [BindProperty(SupportsGet = true, Name = "discrepancy")] public string? Discrepancy { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "cursor")] public string? Cursor { get; set; }

    public Page<ConversionDto> Results { get; private set; } = new([], null);

    public bool Filtered => new[] { OfferId, AffiliateId, Goal, ClickId, Method, Discrepancy, Status, From, To, Cursor }.Any(v => !string.IsNullOrEmpty(v));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var filter = new ConversionFilter(null, null, Goal, ClickId, Method, Discrepancy, Status, null, From, To);
        Results = await TryAsync(async () => await Sender.Send(new ListConversions(
            filter with { OfferId = QueryValues.Id(OfferId, "offer_id"), AffiliateId = QueryValues.Id(AffiliateId, "affiliate_id") },
            PageRequest.From(50, Cursor)), ct)) ?? new([], null);
    }
}
