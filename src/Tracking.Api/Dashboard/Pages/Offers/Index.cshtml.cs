using Mediator;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Features.Advertisers;
using Tracking.Api.Features.Offers;
using Tracking.Api.Http;

namespace Tracking.Api.Dashboard.Pages.Offers;

/// <summary>Offers (admin, advertiser; analysts read): the list, and a new offer with its landing URL and settings.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = $"{Roles.Admin},{Roles.Analyst},{Roles.Advertiser}")]
public sealed class IndexModel(ISender sender) : ConsolePageModel(sender)
{
    [BindProperty(SupportsGet = true, Name = "cursor")] public string? Cursor { get; set; }

    public Page<OfferDto> Offers { get; private set; } = new([], null);
    public IReadOnlyList<AdvertiserDto> Advertisers { get; private set; } = [];

    public bool MayCreate => Me.Role is Roles.Admin or Roles.Advertiser;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Offers = await TryAsync(async () => await Sender.Send(new ListOffers(null, PageRequest.From(50, Cursor)), ct)) ?? new([], null);
        if (Me.IsAdmin) Advertisers = (await Sender.Send(new ListAdvertisers(PageRequest.From(PageRequest.MaxLimit, null)), ct)).Items;
    }

    public async Task<IActionResult> OnPostAsync(NewOffer form, CancellationToken ct)
    {
        var advertiser = Me.Role == Roles.Advertiser ? Me.AdvertiserId : form.AdvertiserId;
        var created = await TryAsync(async () => await Sender.Send(new CreateOffer(new OfferFields(advertiser, form.Name, form.LandingUrl,
            form.LookbackDays, form.ExpectedMethods, form.ReconcileAfterMinutes, form.Currency, null, null, null)), ct));
        if (created is null)
        {
            await OnGetAsync(ct);
            return Page();
        }
        Notice = $"Offer {created.Id} created. Add its goals and copy its integration kit below.";
        return RedirectToPage("/Offers/Detail", new { id = created.Id });
    }

    public sealed record NewOffer(int? AdvertiserId, string? Name, string? LandingUrl, int? LookbackDays, string? ExpectedMethods,
        int? ReconcileAfterMinutes, string? Currency);
}
