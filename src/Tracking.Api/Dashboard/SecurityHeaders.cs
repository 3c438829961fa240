using Microsoft.AspNetCore.Mvc.Filters;

namespace Tracking.Api.Dashboard;

/// <summary>
/// Every console page: scripts and styles only from this origin (no inline script), never framed, no referrer beyond the
/// origin, no caching of pages that show tenants' data.
/// </summary>
public sealed class SecurityHeaders : IResultFilter
{
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers["Referrer-Policy"] = "same-origin";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // What antiforgery sets anyway on a page with a form, written once for every page.
        headers.CacheControl = "no-cache, no-store";
        headers.Pragma = "no-cache";
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
