using Mediator;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Features.Forwarding;
using Tracking.Api.Http;

namespace Tracking.Api.Dashboard.Pages.Deliveries;

/// <summary>The outbound postback log (SPEC 5): every delivery with every attempt, and replay.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = $"{Roles.Admin},{Roles.Analyst},{Roles.Affiliate}")]
public sealed class IndexModel(ISender sender) : ConsolePageModel(sender)
{
    [BindProperty(SupportsGet = true, Name = "affiliate_id")] public string? AffiliateId { get; set; }
    [BindProperty(SupportsGet = true, Name = "offer_id")] public string? OfferId { get; set; }
    [BindProperty(SupportsGet = true, Name = "state")] public string? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "cursor")] public string? Cursor { get; set; }

    public Page<DeliveryDto> Results { get; private set; } = new([], null);

    public bool MayReplay => Me.Role is Roles.Admin or Roles.Affiliate;

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["MayReplay"] = MayReplay;
        Results = await TryAsync(async () => await Sender.Send(new ListDeliveries(
            new DeliveryFilter(QueryValues.Id(AffiliateId, "affiliate_id"), QueryValues.Id(OfferId, "offer_id"), null, State, null, null),
            PageRequest.From(25, Cursor)), ct)) ?? new([], null);
    }

    public async Task<IActionResult> OnPostReplayAsync(string id, CancellationToken ct)
    {
        var replayed = await TryAsync(async () => await Sender.Send(new ReplayDelivery(id), ct));
        if (replayed is null)
        {
            await OnGetAsync(ct);
            return Page();
        }
        Notice = $"Delivery {id} is queued again with its idempotency key.";
        return RedirectToPage();
    }
}
