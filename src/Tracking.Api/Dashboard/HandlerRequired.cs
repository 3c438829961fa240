using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Tracking.Api.Dashboard;

/// <summary>
/// Razor Pages renders a page without running any handler when none matches (a POST to a page that only reads, an unknown
/// <c>?handler=</c>), and the page then renders without its data: the fuzz found a 500 there. Such a request is answered 405
/// (no handler for the method) or 404 (no handler of that name) instead. A GET without a handler name still renders the page
/// (the sign-in page has no <c>OnGet</c>).
/// </summary>
public sealed class HandlerRequired : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        var named = request.Query.ContainsKey("handler") || context.RouteData.Values.ContainsKey("handler");
        var read = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (context.HandlerMethod is not null || context.ActionDescriptor.HandlerMethods.Count == 0 || read && !named) return next();
        context.Result = new StatusCodeResult(named ? StatusCodes.Status404NotFound : StatusCodes.Status405MethodNotAllowed);
        return Task.CompletedTask;
    }
}
