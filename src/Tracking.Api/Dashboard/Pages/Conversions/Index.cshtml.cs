using Mediator;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
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

    /// <summary>Admins and advertisers (their own offers' conversions) change statuses, one or many (issue 11.8); others only read.</summary>
    public bool MayChangeStatus => Me.Role is Roles.Admin or Roles.Advertiser;

    public async Task OnGetAsync(CancellationToken ct) =>
        Results = await TryAsync(async () => await Sender.Send(new ListConversions(Filter(), PageRequest.From(50, Cursor)), ct)) ?? new([], null);

    /// <summary>The ticked conversions, or every one matching the page's filters, through <c>POST /api/conversions/status</c>'s use case.</summary>
    public async Task<IActionResult> OnPostStatusAsync([FromForm(Name = "new_status")] string? newStatus, [FromForm(Name = "ids")] string[]? ids,
        [FromForm(Name = "scope")] string? scope, CancellationToken ct)
    {
        var all = scope == "all";
        var done = await TryAsync(async () => await Sender.Send(new ChangeConversionStatuses(newStatus, all ? null : ids ?? [], all ? Filter() : null), ct));
        if (done is null)
        {
            await OnGetAsync(ct);
            return Page();
        }
        Notice = $"{done.Changed} changed to {Display.Snake(done.Status)}, {done.Unchanged} already {Display.Snake(done.Status)}"
            + (done.NotFound > 0 ? $", {done.NotFound} not found." : ".");
        return Redirect(With(("handler", null)));
    }

    private ConversionFilter Filter() => new(QueryValues.Id(OfferId, "offer_id"), QueryValues.Id(AffiliateId, "affiliate_id"), Goal, ClickId, Method,
        Discrepancy, Status, null, From, To);
}
