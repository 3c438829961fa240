using Mediator;
using Tracking.Api.Http;
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
        group.MapGet("/p/{offer_id:int}.gif", Image).WithName("PixelImage");
        group.MapGet("/p/{offer_id:int}.html", Iframe).WithName("PixelIframe");
        group.MapPost("/p/collect", Collect).WithName("PixelCollect").RequireCors(Cors.AnyOrigin).DisableAntiforgery();
        group.MapGet("/t.js", Script).WithName("PixelScript");
        return app;
    }

    private static async Task Image(int offer_id, HttpContext http, IMediator mediator, ILoggerFactory logs)
    {
        await RecordAsync(http, mediator, logs, offer_id, HitChannel.Image, IngressParameters.From(http.Request.Query));
        http.Response.ContentType = "image/gif";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.Body.WriteAsync(Gif);
    }

    private static async Task Iframe(int offer_id, HttpContext http, IMediator mediator, ILoggerFactory logs)
    {
        await RecordAsync(http, mediator, logs, offer_id, HitChannel.Iframe, IngressParameters.From(http.Request.Query));
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(Html);
    }

    /// <summary>The JavaScript pixel's beacon: JSON sent as text/plain (no CORS preflight) or application/json.</summary>
    private static async Task<IResult> Collect(HttpContext http, IMediator mediator, ILoggerFactory logs)
    {
        var body = await BodyReader.ReadJsonAsync(http.Request, MaxCollectBody);
        int? offerId = body.Fields.TryGetValue("offer_id", out var o) && int.TryParse(o, out var id) ? id : null;
        var parameters = IngressParameters.From(name => body.Fields.GetValueOrDefault(name));
        var hitId = await RecordAsync(http, mediator, logs, offerId, HitChannel.Script, parameters, body);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(new CollectAnswer(hitId is null ? "unavailable" : "recorded", hitId));
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
        catch (Exception ex) when (ex is Infrastructure.Ingress.IngressUnavailableException or OperationCanceledException)
        {
            LogNotRecorded(logs.CreateLogger(nameof(PixelEndpoints)), ex, offerId);
            return null;
        }
    }

    private sealed record CollectAnswer(string Status, string? HitId);

    [LoggerMessage(LogLevel.Warning, "A pixel hit for offer {OfferId} could not be recorded")]
    private static partial void LogNotRecorded(ILogger logger, Exception ex, int? offerId);
}
