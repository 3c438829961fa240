using System.Text;
using System.Text.Json;
using Mediator;
using Tracking.Api.Http;
using Tracking.Api.Limits;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Tracking.Domain.UseCases.ReceiveConversion;

namespace Tracking.Api.Ingress;

/// <summary>
/// SPEC 3.2: image, iframe and JavaScript pixels. A pixel never breaks the advertiser's page: whatever the outcome it
/// answers 200 with its content, and problems become the hit's outcome in the pixel log.
/// </summary>
public static partial class PixelEndpoints
{
    /// <summary>A transparent 1x1 GIF.</summary>
    public static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private const string Html = "<!doctype html><meta charset=utf-8><title></title>";
    private const int MaxCollectBody = 8 * 1024;

    public static IEndpointRouteBuilder MapPixels(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Ingress");
        group.MapGet("/p/{offer_id:int}.gif", Image).WithName("PixelImage").LimitedBy(RateLimits.Pixels, "pixel", ImageOverLimit)
            .WithSummary("The image pixel: always a transparent GIF; the outcome goes to the pixel log")
            .Reads(ConversionParameters).Produces<byte[]>(StatusCodes.Status200OK, "image/gif");
        group.MapGet("/p/{offer_id:int}.html", Iframe).WithName("PixelIframe").LimitedBy(RateLimits.Pixels, "pixel", IframeOverLimit)
            .WithSummary("The iframe pixel: always a blank page; the outcome goes to the pixel log")
            .Reads(ConversionParameters).Produces<string>(StatusCodes.Status200OK, "text/html");
        group.MapPost("/p/collect", Collect).WithName("PixelCollect").RequireCors(Cors.AnyOrigin).DisableAntiforgery()
            .LimitedBy(RateLimits.Pixels, "collect", CollectOverLimit)
            .WithSummary("The JavaScript pixel's beacon (JSON, also sent as text/plain)");
        group.MapGet("/t.js", Script).WithName("PixelScript").WithSummary("The JavaScript pixel")
            .Produces<string>(StatusCodes.Status200OK, "application/javascript");
        return app;
    }

    /// <summary>What a pixel or a postback reads from its query, first of the aliases that is present.</summary>
    public static readonly (string Name, string Description)[] ConversionParameters =
    [
        ("click_id", $"The click id from the tracking link ({Aliases(p => p.ClickId)})"),
        ("goal", $"The goal code ({Aliases(p => p.Goal)})"),
        ("amount", $"The conversion's amount ({Aliases(p => p.Amount)})"),
        ("currency", $"ISO 4217 currency code ({Aliases(p => p.Currency)})"),
        ("order_id", $"The advertiser's order id ({Aliases(p => p.OrderId)})"),
        ("event_id", "The advertiser's event id, the first dedup key (alias: eventid)"),
        ("adv1", "Advertiser field 1"), ("adv2", "Advertiser field 2"), ("adv3", "Advertiser field 3"), ("adv4", "Advertiser field 4"),
        ("adv5", "Advertiser field 5"),
    ];

    private static string Aliases(Func<ParameterNames, string[]> of) =>
        IngressParameters.Aliases(of(IngressParameters.Pixel), of(IngressParameters.Postback));

    private static async Task Image(int offer_id, HttpContext http, IMediator mediator, ILoggerFactory logs)
    {
        await RecordAsync(http, mediator, logs, offer_id, HitChannel.Image, IngressParameters.From(IngressParameters.Pixel, http.Request.Query));
        http.Response.ContentType = "image/gif";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.Body.WriteAsync(Gif);
    }

    private static async Task Iframe(int offer_id, HttpContext http, IMediator mediator, ILoggerFactory logs)
    {
        await RecordAsync(http, mediator, logs, offer_id, HitChannel.Iframe, IngressParameters.From(IngressParameters.Pixel, http.Request.Query));
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(Html);
    }

    /// <summary>The JavaScript pixel's beacon: JSON sent as text/plain (no CORS preflight) or application/json.</summary>
    private static async Task<IResult> Collect(HttpContext http, IMediator mediator, ILoggerFactory logs)
    {
        var body = await BodyReader.ReadJsonAsync(http.Request, MaxCollectBody);
        int? offerId = body.Fields.TryGetValue("offer_id", out var o) && int.TryParse(o, out var id) ? id : null;
        var parameters = IngressParameters.From(IngressParameters.Pixel, name => body.Fields.GetValueOrDefault(name));
        var hitId = await RecordAsync(http, mediator, logs, offerId, HitChannel.Script, parameters, body);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(new CollectAnswer(hitId is null ? "unavailable" : "recorded", hitId));
    }

    // Over the address's limit a pixel still answers as always (decision 0016), records nothing, and says so only in its
    // beacon's answer: the advertiser's page must not show a broken image because a flood shares its visitor's address.
    private static Task ImageOverLimit(HttpContext http, int seconds) => OverLimitAsync(http, "image/gif", Gif);

    private static Task IframeOverLimit(HttpContext http, int seconds) => OverLimitAsync(http, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(Html));

    private static Task CollectOverLimit(HttpContext http, int seconds) =>
        OverLimitAsync(http, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(new { status = "rate_limited", hit_id = (string?)null }));

    private static async Task OverLimitAsync(HttpContext http, string contentType, byte[] content)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = contentType;
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.Body.WriteAsync(content);
    }

    private static IResult Script(HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Text(PixelScript.Source, "application/javascript; charset=utf-8");
    }

    /// <summary>Records the hit; a pixel still answers when the hit log is down, and the failure is logged instead.</summary>
    private static async Task<string?> RecordAsync(HttpContext http, IMediator mediator, ILoggerFactory logs, int? offerId,
        HitChannel channel, ConversionParameters parameters, BodyReader.Body? body = null)
    {
        var cookie = offerId is int offer ? http.Request.Cookies[ClickEndpoints.OfferCookie(offer)] : null;
        cookie ??= http.Request.Cookies[ClickEndpoints.LastClickCookie];
        var command = new ConversionReceived(Method.Pixel, channel, offerId, parameters, cookie, null,
            http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString())
        {
            Problem = body?.Problem,
            ProblemDetail = body?.Detail,
        };
        try
        {
            return (await mediator.Send(command, http.RequestAborted)).HitId;
        }
        catch (Exception ex) when (ex is Domain.Attribution.IngressUnavailableException or OperationCanceledException)
        {
            LogNotRecorded(logs.CreateLogger(nameof(PixelEndpoints)), ex, offerId);
            return null;
        }
    }

    private sealed record CollectAnswer(string Status, string? HitId);

    [LoggerMessage(LogLevel.Warning, "A pixel hit for offer {OfferId} could not be recorded")]
    private static partial void LogNotRecorded(ILogger logger, Exception ex, int? offerId);
}
