using Mediator;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Features.Advertisers;
using Tracking.Api.Features.Affiliates;
using Tracking.Api.Features.Keys;
using Tracking.Api.Http;

namespace Tracking.Api.Dashboard.Pages.Keys;

/// <summary>API keys (admin): create one for a role and tenant (shown once, in this answer only), list them, revoke one.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(ISender sender) : ConsolePageModel(sender)
{
    [BindProperty(SupportsGet = true, Name = "cursor")] public string? Cursor { get; set; }

    public Page<KeyDto> Keys { get; private set; } = new([], null);
    public IReadOnlyList<AdvertiserDto> Advertisers { get; private set; } = [];
    public IReadOnlyList<AffiliateDto> Affiliates { get; private set; } = [];

    /// <summary>The key just created: rendered in the answer to its form, never stored in a cookie or shown again.</summary>
    public KeyDto? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Keys = await TryAsync(async () => await Sender.Send(new ListKeys(PageRequest.From(50, Cursor)), ct)) ?? new([], null);
        var all = PageRequest.From(PageRequest.MaxLimit, null);
        Advertisers = (await Sender.Send(new ListAdvertisers(all), ct)).Items;
        Affiliates = (await Sender.Send(new ListAffiliates(all), ct)).Items;
    }

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? role, int? advertiserId, int? affiliateId, CancellationToken ct)
    {
        Created = await TryAsync(async () => await Sender.Send(new CreateKey(name, role,
            role == Roles.Advertiser ? advertiserId : null, role == Roles.Affiliate ? affiliateId : null), ct));
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        var revoked = await TryAsync(async () => await Sender.Send(new RevokeKey(id), ct));
        if (!revoked)
        {
            await OnGetAsync(ct);
            return Page();
        }
        Notice = $"Key {id} is revoked: its API calls are refused and its console sessions end now.";
        return RedirectToPage();
    }
}
