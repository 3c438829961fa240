using Mediator;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Features.Affiliates;
using Tracking.Api.Http;

namespace Tracking.Api.Dashboard.Pages.Affiliates;

/// <summary>Affiliates (admin; analysts read; an affiliate sees itself) and the way to each one's forwarding templates.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = $"{Roles.Admin},{Roles.Analyst},{Roles.Affiliate}")]
public sealed class IndexModel(ISender sender) : ConsolePageModel(sender)
{
    [BindProperty(SupportsGet = true, Name = "cursor")] public string? Cursor { get; set; }

    public Page<AffiliateDto> Affiliates { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Me.Role == Roles.Affiliate && Me.AffiliateId is { } own) return RedirectToPage("/Affiliates/Detail", new { id = own });
        Affiliates = await TryAsync(async () => await Sender.Send(new ListAffiliates(PageRequest.From(50, Cursor)), ct)) ?? new([], null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? name, CancellationToken ct)
    {
        var created = await TryAsync(async () => await Sender.Send(new CreateAffiliate(name), ct));
        if (created is null) return await OnGetAsync(ct);
        Notice = $"Affiliate {created.Name} created. Its signing secret, shown once: {created.SigningSecret}";
        return RedirectToPage("/Affiliates/Detail", new { id = created.Id });
    }
}
