using Mediator;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Features.Hits;
using Tracking.Api.Http;

namespace Tracking.Api.Dashboard.Pages.Offers;

/// <summary>The hits of a test click with their outcomes, as a fragment the offer page reloads until every one is decided.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = $"{Roles.Admin},{Roles.Advertiser}")]
public sealed class TestOutcomesModel(ISender sender) : ConsolePageModel(sender)
{
    [BindProperty(SupportsGet = true, Name = "click_id")] public string? ClickId { get; set; }

    public IReadOnlyList<HitDto> Hits { get; private set; } = [];

    public bool Settled => Hits.Count > 0 && Hits.All(h => h.Outcome is not null);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ClickId)) return BadRequest();
        var filter = new HitFilter(null, null, id, null, null, ClickId, null, null, null);
        Hits = (await Sender.Send(new ListHits(filter, PageRequest.From(10, null)), ct)).Items.OrderBy(h => h.Id).ToList();
        return Page();
    }
}
