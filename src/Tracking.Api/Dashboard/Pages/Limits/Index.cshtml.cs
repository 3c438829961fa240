using Mediator;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Features.Limits;
using Tracking.Api.Http;

namespace Tracking.Api.Dashboard.Pages.Limits;

/// <summary>Rate limits (admin; <c>/api/limits/refused</c>): the limits in force and what they refused, per minute with a sample.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(ISender sender) : ConsolePageModel(sender)
{
    [BindProperty(SupportsGet = true, Name = "endpoint")] public string? Endpoint { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "cursor")] public string? Cursor { get; set; }

    public RefusalsPage? Results { get; private set; }

    public bool Filtered => new[] { Endpoint, From, To, Cursor }.Any(v => !string.IsNullOrEmpty(v));

    public async Task OnGetAsync(CancellationToken ct) =>
        Results = await TryAsync(async () => await Sender.Send(new ListRefusals(Endpoint, From, To, PageRequest.From(50, Cursor)), ct));
}
