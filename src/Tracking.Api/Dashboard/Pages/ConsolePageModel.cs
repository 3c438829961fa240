using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tracking.Api.Access;
using Tracking.Domain.Catalog;

namespace Tracking.Api.Dashboard.Pages;

/// <summary>
/// What every console page shares: the mediator (pages call the same use cases as <c>/api</c>), the signed-in caller, and a
/// refusal shown as the page's message instead of an error page.
/// </summary>
public abstract class ConsolePageModel(ISender sender) : PageModel
{
    protected ISender Sender { get; } = sender;

    public Caller Me => Caller.From(User) ?? throw new InvalidOperationException("Console pages require a signed-in key.");

    /// <summary>Why the last action or filter was refused (the use case's reason and sentence).</summary>
    public string? Problem { get; private set; }

    /// <summary>What the last action did, shown once after its redirect.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>The id in the path names nothing this key may see (another tenant's id answers the same: SPEC 7, issue 10).</summary>
    public bool Missing { get; private set; }

    protected IActionResult NotFoundPage()
    {
        Missing = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>Runs a use case; a refusal becomes <see cref="Problem"/> and the default value.</summary>
    protected async Task<T?> TryAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (DomainException e)
        {
            Problem = $"{e.Message} ({e.Reason})";
            return default;
        }
    }

    /// <summary>The current page's URL with some query values replaced (null removes one): filters and paging stay links.</summary>
    public string With(params (string Key, string? Value)[] changes)
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        foreach (var (key, value) in changes) query[key] = value;
        var kept = query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value));
        return Request.Path + QueryString.Create(kept).ToUriComponent();
    }
}
