using Mediator;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Features.Advertisers;
using Tracking.Api.Http;

namespace Tracking.Api.Dashboard.Pages.Advertisers;

/// <summary>Advertisers (admin; analysts read with tokens masked; an advertiser sees itself): names and postback tokens.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = $"{Roles.Admin},{Roles.Analyst},{Roles.Advertiser}")]
public sealed class IndexModel(ISender sender) : ConsolePageModel(sender)
{
    [BindProperty(SupportsGet = true, Name = "cursor")] public string? Cursor { get; set; }

    public Page<AdvertiserDto> Advertisers { get; private set; } = new([], null);

    public async Task OnGetAsync(CancellationToken ct) =>
        Advertisers = await TryAsync(async () => await Sender.Send(new ListAdvertisers(PageRequest.From(50, Cursor)), ct)) ?? new([], null);

    public async Task<IActionResult> OnPostAsync(string? name, CancellationToken ct)
    {
        var created = await TryAsync(async () => await Sender.Send(new CreateAdvertiser(name), ct));
        if (created is null)
        {
            await OnGetAsync(ct);
            return Page();
        }
        Notice = $"Advertiser {created.Name} created. Now create an offer for it.";
        return RedirectToPage("/Offers/Index");
    }

    /// <summary>Issue 11.2/11.3: the admin replaces an advertiser's own status words and whether its postbacks set the payout.</summary>
    public async Task<IActionResult> OnPostWordsAsync(int id, string? words, bool postbackSetsPayout, CancellationToken ct)
    {
        var parsed = Parse(words);
        var command = new UpdateAdvertiser(id, null, false) { StatusWords = parsed, PostbackSetsPayout = postbackSetsPayout };
        var updated = await TryAsync(async () => await Sender.Send(command, ct));
        if (updated is not null) Notice = $"The status words of {updated.Name} were saved.";
        await OnGetAsync(ct);
        return Page();
    }

    /// <summary><c>ok=approved, storno=rejected</c>; an entry without <c>=</c> maps to nothing, which the domain refuses by name.</summary>
    public static Dictionary<string, string?> Parse(string? words) =>
        (words ?? "").Split([',', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split('=', 2, StringSplitOptions.TrimEntries))
            .GroupBy(pair => pair[0].ToLowerInvariant())
            .ToDictionary(g => g.Key, g => g.Last().Length == 2 ? g.Last()[1] : null);

    public static string Format(IReadOnlyDictionary<string, string> words) =>
        string.Join(", ", words.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key}={w.Value}"));

    /// <summary>Issue 12.1: the admin chooses which checks the advertiser's postbacks pass.</summary>
    public async Task<IActionResult> OnPostChecksAsync(int id, bool requireToken, bool requireSignature, string? allowedIps, CancellationToken ct)
    {
        var ips = (allowedIps ?? "").Split([',', '\n', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var command = new UpdateAdvertiser(id, null, false) { RequireToken = requireToken, RequireSignature = requireSignature, AllowedIps = ips };
        var updated = await TryAsync(async () => await Sender.Send(command, ct));
        if (updated is not null) Notice = $"The postback checks of {updated.Name} were saved: {Checks(updated)}.";
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRotateSecretAsync(int id, CancellationToken ct)
    {
        var rotated = await TryAsync(async () => await Sender.Send(new UpdateAdvertiser(id, null, false) { RotateSigningSecret = true }, ct));
        if (rotated is not null)
            Notice = $"The signing secret of {rotated.Name} was rotated; postbacks signed with the previous one pass until {Display.Time(rotated.PreviousSecretValidUntil)} UTC.";
        await OnGetAsync(ct);
        return Page();
    }

    /// <summary>The checks in a few words: <c>token, signature, from 2 IP ranges</c>.</summary>
    public static string Checks(AdvertiserDto a)
    {
        var checks = new List<string>();
        if (a.RequireToken) checks.Add("token");
        if (a.RequireSignature) checks.Add("signature");
        checks.Add(a.AllowedIps.Count == 0 ? "any IP" : "from " + string.Join(", ", a.AllowedIps));
        return string.Join(", ", checks);
    }

    public async Task<IActionResult> OnPostRotateAsync(int id, CancellationToken ct)
    {
        var rotated = await TryAsync(async () => await Sender.Send(new UpdateAdvertiser(id, null, true), ct));
        if (rotated is not null) Notice = $"The postback token of {rotated.Name} was rotated: postbacks with the old token are now refused.";
        await OnGetAsync(ct);
        return Page();
    }
}
