using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tracking.Api.Access;

namespace Tracking.Api.Dashboard.Pages;

/// <summary>A key makes a cookie session (HttpOnly, SameSite=Strict, sliding 8 h); the key itself is never stored in the cookie.</summary>
public sealed class SignInModel(IKeyAuthenticator keys) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Refused { get; private set; }

    public async Task<IActionResult> OnPostAsync(string? key, CancellationToken ct)
    {
        var caller = string.IsNullOrWhiteSpace(key) ? null : await keys.AuthenticateAsync(key.Trim(), ct);
        if (caller is null)
        {
            Refused = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(AccessSchemes.Console, caller.ToPrincipal(AccessSchemes.Console));
        var start = caller.Role == Roles.Affiliate ? "/dashboard/conversions" : "/dashboard";
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl!.StartsWith("/dashboard", StringComparison.Ordinal) ? ReturnUrl : start);
    }
}
