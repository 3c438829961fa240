using Mediator;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Features.Affiliates;
using Tracking.Api.Features.Forwarding;
using Tracking.Api.Http;
using Tracking.Domain.Catalog;
using Tracking.Domain.Forwarding;

namespace Tracking.Api.Dashboard.Pages.Affiliates;

/// <summary>One affiliate's forwarding: its templates (create, edit, pause, resume, a preview with sample values) and signing secret.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = $"{Roles.Admin},{Roles.Analyst},{Roles.Affiliate}")]
public sealed class DetailModel(ISender sender) : ConsolePageModel(sender)
{
    public AffiliateDto Affiliate { get; private set; } = null!;
    public IReadOnlyList<ForwardingTemplateDto> Templates { get; private set; } = [];

    public bool MayEdit => Me.Role is Roles.Admin or Roles.Affiliate;

    /// <summary>The answer to the test delivery just sent, shown under its template.</summary>
    public TemplateTestResult? TestResult { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var affiliate = await Sender.Send(new GetAffiliate(id), ct);
        var templates = await Sender.Send(new ListForwardingTemplates(id, PageRequest.From(PageRequest.MaxLimit, null)), ct);
        if (affiliate is null || templates is null) return NotFoundPage();
        (Affiliate, Templates) = (affiliate, templates.Items);
        return Page();
    }

    public Task<IActionResult> OnPostCreateAsync(int id, TemplateForm form, CancellationToken ct) =>
        Act(id, async () => await Sender.Send(new CreateForwardingTemplate(id, form.ToFields()), ct), "Template created.", ct);

    public Task<IActionResult> OnPostEditAsync(int id, int templateId, TemplateForm form, CancellationToken ct) =>
        Act(id, async () => await Sender.Send(new UpdateForwardingTemplate(id, templateId, form.ToFields()), ct), "Template saved.", ct);

    public Task<IActionResult> OnPostStateAsync(int id, int templateId, string state, CancellationToken ct) =>
        Act(id, async () => await Sender.Send(new UpdateForwardingTemplate(id, templateId,
            new ForwardingTemplateFields(null, null, null, null, null, null, null, state)), ct), $"Template {templateId} is {state}.", ct);

    /// <summary>One test delivery of the template (<see cref="TestForwardingTemplate"/>): the page again, with the partner's answer.</summary>
    public async Task<IActionResult> OnPostTestAsync(int id, int templateId, CancellationToken ct)
    {
        TestResult = await TryAsync(async () => await Sender.Send(new TestForwardingTemplate(id, templateId), ct)
            ?? throw new DomainException(Problems.NotFound, $"affiliate {id} has no postback template {templateId}."));
        return await OnGetAsync(id, ct);
    }

    public Task<IActionResult> OnPostRotateAsync(int id, CancellationToken ct) =>
        Act(id, async () => await Sender.Send(new RotateSigningSecret(id), ct) is { } a
            ? $"New signing secret, shown once: {a.SigningSecret} (the previous one also signs until {Display.Time(a.PreviousSecretValidUntil)} UTC)."
            : null, null, ct);

    /// <summary>The URL as a partner would receive it for a sample conversion, every macro filled.</summary>
    public string Preview(ForwardingTemplateDto t) => ForwardingMacros.Expand(t.Url, SampleValues);

    private static readonly IReadOnlyDictionary<string, string?> SampleValues = new Dictionary<string, string?>
    {
        ["click_id"] = "01JSAMPLECLICK000000000000000000000",
        ["conversion_id"] = "01JSAMPLECONVERSION0000000",
        ["offer_id"] = "1",
        ["aff_id"] = "1",
        ["sub1"] = "sub1",
        ["sub2"] = "",
        ["sub3"] = "",
        ["sub4"] = "",
        ["sub5"] = "",
        ["source"] = "source",
        ["goal"] = "purchase",
        ["amount"] = "25.00",
        ["payout"] = "2.50",
        ["currency"] = "USD",
        ["status"] = "approved",
        ["order_id"] = "ORDER-1",
        ["event_id"] = "",
        ["timestamp"] = "1767225600",
        ["adv1"] = "",
        ["adv2"] = "",
        ["adv3"] = "",
        ["adv4"] = "",
        ["adv5"] = "",
    };

    private async Task<IActionResult> Act<T>(int id, Func<Task<T>> action, string? notice, CancellationToken ct)
    {
        var done = await TryAsync(action);
        if (done is null) return await OnGetAsync(id, ct);
        Notice = notice ?? done as string;
        return RedirectToPage(new { id });
    }

    public sealed record TemplateForm(string? Url, int? OfferId, string? Goal, string? Trigger, string? Method, string? ReversalUrl, bool? Sign)
    {
        public ForwardingTemplateFields ToFields() => new(Url, OfferId, string.IsNullOrWhiteSpace(Goal) ? null : Goal, Trigger, Method,
            string.IsNullOrWhiteSpace(ReversalUrl) ? null : ReversalUrl, Sign, null);
    }
}
