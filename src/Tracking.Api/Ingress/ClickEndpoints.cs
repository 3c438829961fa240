using System.Globalization;
using System.Text.Encodings.Web;
using Mediator;
using Tracking.Api.Http;
using Tracking.Api.Limits;
using Tracking.Domain.Attribution;
using Tracking.Domain.Clicks;
using Tracking.Domain.UseCases.ReceiveClick;

namespace Tracking.Api.Ingress;

/// <summary>SPEC 3.1: <c>GET /c/{offer_id}</c> records the click and redirects to the offer's landing URL.</summary>
public static class ClickEndpoints
{
    /// <summary>The last click of any offer; <see cref="OfferCookie"/> keeps each offer's own click.</summary>
    public const string LastClickCookie = "_trk";

    public static string OfferCookie(int offerId) => "_trk_o" + offerId.ToString(CultureInfo.InvariantCulture);

    public static IEndpointRouteBuilder MapClicks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/c/{offer_id:int}", Click).WithTags("Ingress").WithName("Click")
            .WithSummary("The tracking link: records the click and redirects to the offer's landing page with its click_id")
            .Reads(("aff_id", "The affiliate's id"), ("sub1", "Sub id 1"), ("sub2", "Sub id 2"), ("sub3", "Sub id 3"), ("sub4", "Sub id 4"),
                ("sub5", "Sub id 5"), ("source", "The traffic source"))
            .Produces(StatusCodes.Status302Found)
            .Produces<string>(StatusCodes.Status404NotFound, "text/html").Produces<string>(StatusCodes.Status503ServiceUnavailable, "text/html")
            .Produces<string>(StatusCodes.Status429TooManyRequests, "text/html").LimitedBy(RateLimits.Clicks, "click", OverLimit);
        return app;
    }

    private static async Task<IResult> Click(int offer_id, HttpContext http, IMediator mediator)
    {
        var q = http.Request.Query;
        var context = new ClickContext(
            IngressParameters.Value(q["sub1"]), IngressParameters.Value(q["sub2"]), IngressParameters.Value(q["sub3"]),
            IngressParameters.Value(q["sub4"]), IngressParameters.Value(q["sub5"]), IngressParameters.Value(q["source"]),
            http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), http.Request.Headers.Referer.ToString());
        ClickResult result;
        try
        {
            result = await mediator.Send(new ClickReceived(offer_id, IngressParameters.Value(q["aff_id"]), context), http.RequestAborted);
        }
        catch (IngressUnavailableException)
        {
            Problems.SetRetryAfter(http);
            return Results.Content(Page("The tracker is restarting; try again."), "text/html; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (result.ClickId is null)
            return Results.Content(Page(result.Detail!), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

        var cookie = new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = http.Request.IsHttps ? SameSiteMode.None : SameSiteMode.Lax,
            MaxAge = TimeSpan.FromDays(result.LookbackDays),
            Path = "/",
        };
        http.Response.Cookies.Append(OfferCookie(offer_id), result.ClickId, cookie);
        http.Response.Cookies.Append(LastClickCookie, result.ClickId, cookie);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Redirect(result.RedirectUrl!);
    }

    /// <summary>
    /// Over the address's limit (decision 0016): a short page with <c>429</c> and <c>Retry-After</c>, no click recorded and no
    /// redirect; a person sends nowhere near the limit, so this is a script's answer.
    /// </summary>
    private static Task OverLimit(HttpContext http, int seconds)
    {
        Limits.OverLimit.RetryAfter(http, seconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(Page($"Too many clicks from this address; try again in {seconds} s."));
    }

    private static string Page(string text) =>
        $"<!doctype html><meta charset=utf-8><title>Tracking</title><p>{HtmlEncoder.Default.Encode(text)}</p>";
}
