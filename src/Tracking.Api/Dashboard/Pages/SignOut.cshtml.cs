using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tracking.Api.Access;

namespace Tracking.Api.Dashboard.Pages;

public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/dashboard");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AccessSchemes.Console);
        return LocalRedirect("/dashboard/sign-in");
    }
}
