using Mediator;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Features.Hits;

namespace Tracking.Api.Dashboard.Pages.Hits;

/// <summary>One hit: every parameter as received, its outcome with the sentence, and its conversion.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = $"{Roles.Admin},{Roles.Analyst},{Roles.Advertiser}")]
public sealed class DetailModel(ISender sender) : ConsolePageModel(sender)
{
    public HitDto Hit { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var found = await Sender.Send(new GetHit(id), ct);
        if (found is null) return NotFoundPage();
        Hit = found;
        return Page();
    }

    /// <summary>The received values in the order a reader checks them; empty ones are left out.</summary>
    public IEnumerable<(string Name, string Value)> Parameters()
    {
        var h = Hit;
        (string, object?)[] all =
        [
            ("click_id", h.ClickId), ("click id from", Display.Snake(h.ClickIdSource)), ("offer_id", h.OfferId), ("affiliate", h.AffiliateId),
            ("goal", h.Goal), ("amount", h.Amount), ("currency", h.Currency), ("order_id", h.OrderId), ("event_id", h.EventId),
            ("status", h.Status), ("adv1", h.Adv1), ("adv2", h.Adv2), ("adv3", h.Adv3), ("adv4", h.Adv4), ("adv5", h.Adv5),
            ("ip", h.Ip), ("user agent", h.UserAgent),
        ];
        return all.Where(p => p.Item2 is not null && p.Item2.ToString() != "").Select(p => (p.Item1, p.Item2!.ToString()!));
    }
}
