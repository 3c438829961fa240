using Mediator;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Features.Conversions;

namespace Tracking.Api.Dashboard.Pages.Conversions;

/// <summary>One conversion: what each method saw side by side, why they differ, its hits, history and deliveries.</summary>
public sealed class DetailModel(ISender sender) : ConsolePageModel(sender)
{
    public ConversionDto Conversion { get; private set; } = null!;

    /// <summary>Admins and the conversion's advertiser change a status (SPEC 4); others only read.</summary>
    public bool MayChangeStatus => Me.Role is Roles.Admin or Roles.Advertiser;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var found = await Sender.Send(new GetConversion(id), ct);
        if (found is null) return NotFoundPage();
        Conversion = found;
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(string id, string? status, CancellationToken ct)
    {
        var changed = await TryAsync(async () => await Sender.Send(new ChangeConversionStatus(id, status), ct));
        if (changed is not null)
        {
            Notice = $"Status changed to {status}.";
            return RedirectToPage(new { id });
        }
        return await OnGetAsync(id, ct);
    }
}
