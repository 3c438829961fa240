using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Tracking.Api.Access;
using Tracking.Api.Features.Offers;
using Tracking.Api.Http;
using Tracking.Infrastructure;

namespace Tracking.Api.Dashboard.Pages.Offers;

/// <summary>One offer: its settings, its goals, and the integration kit to paste, with copy buttons.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = $"{Roles.Admin},{Roles.Analyst},{Roles.Advertiser}")]
public sealed class DetailModel(ISender sender, IOptions<TrackingOptions> options) : ConsolePageModel(sender)
{
    public OfferDto Offer { get; private set; } = null!;
    public IntegrationKit? Kit { get; private set; }

    public bool MayEdit => Me.Role is Roles.Admin or Roles.Advertiser;

    /// <summary>The test conversion just sent, whose outcomes the page then follows live.</summary>
    public TestConversionSent? TestSent { get; private set; }

    /// <summary>The goal of the last test, kept selected for the next one.</summary>
    public string? TestGoal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var offer = await Sender.Send(new GetOffer(id), ct);
        if (offer is null) return NotFoundPage();
        Offer = offer;
        Kit = await Sender.Send(new GetIntegration(id, PublicUrl.Of(Request, options.Value)), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(int id, Settings form, CancellationToken ct)
    {
        var saved = await TryAsync(async () => await Sender.Send(new UpdateOffer(id, new OfferFields(null, form.Name, form.LandingUrl,
            form.LookbackDays, form.ExpectedMethods, form.ReconcileAfterMinutes, form.Currency, form.Authority, form.HoldForApproval, form.State, form.HoldDays)), ct));
        return await Done(id, saved is null ? null : "Offer saved.", ct);
    }

    public async Task<IActionResult> OnPostGoalAsync(int id, NewGoal form, CancellationToken ct)
    {
        var added = await TryAsync(async () => await Sender.Send(new AddGoal(id, new GoalFields(form.Code, form.OncePerClick,
            form.Revenue, form.RevenueType, form.Payout, form.PayoutType)), ct));
        return await Done(id, added is null ? null : $"Goal {added.Code} added.", ct);
    }

    /// <summary>Issue 11.5: replaces the offer's event-to-goal mapping (<c>af_purchase=purchase, …</c>).</summary>
    public async Task<IActionResult> OnPostEventsAsync(int id, string? events, CancellationToken ct)
    {
        var fields = new OfferFields(null, null, null, null, null, null, null, null, null, null) { EventGoals = Advertisers.IndexModel.Parse(events) };
        var saved = await TryAsync(async () => await Sender.Send(new UpdateOffer(id, fields), ct));
        return await Done(id, saved is null ? null : "Event goals saved.", ct);
    }

    public async Task<IActionResult> OnPostTestAsync(int id, string? goal, decimal? amount, CancellationToken ct)
    {
        TestGoal = goal;
        TestSent = await TryAsync(async () => await Sender.Send(new SendTestConversion(id, goal, amount), ct));
        return await OnGetAsync(id, ct);
    }

    private async Task<IActionResult> Done(int id, string? notice, CancellationToken ct)
    {
        if (notice is null) return await OnGetAsync(id, ct);
        Notice = notice;
        return RedirectToPage(new { id });
    }

    public sealed record Settings(string? Name, string? LandingUrl, int? LookbackDays, string? ExpectedMethods, int? ReconcileAfterMinutes,
        string? Currency, string? Authority, bool? HoldForApproval, string? State, int? HoldDays = null);

    public sealed record NewGoal(string? Code, bool? OncePerClick, decimal? Revenue, string? RevenueType, decimal? Payout, string? PayoutType);
}
