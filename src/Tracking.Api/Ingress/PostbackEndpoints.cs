using Mediator;
using Tracking.Api.Http;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Tracking.Domain.UseCases.ReceiveConversion;
using Tracking.Infrastructure.Ingress;

namespace Tracking.Api.Ingress;

/// <summary>
/// SPEC 3.3: the server-to-server postback, by GET or POST (form or JSON). What can be judged at once is answered at once
/// with a problem details body and a <c>reason</c>; otherwise 200 once the hit is durably recorded.
/// </summary>
public static class PostbackEndpoints
{
    public const string TokenHeader = "X-Tracking-Token";
    private const int MaxBody = 16 * 1024;

    public static IEndpointRouteBuilder MapPostbacks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/postback").WithTags("Ingress");
        group.MapGet("", Get).WithName("PostbackGet");
        group.MapPost("", Post).WithName("PostbackPost").DisableAntiforgery();
        return app;
    }

    private static Task<IResult> Get(HttpContext http, IMediator mediator) =>
        ReceiveAsync(http, mediator, HitChannel.Get, IngressParameters.From(http.Request.Query), BodyReader.Body.Empty);

    private static async Task<IResult> Post(HttpContext http, IMediator mediator)
    {
        var body = await BodyReader.ReadAsync(http.Request, MaxBody);
        return await ReceiveAsync(http, mediator, HitChannel.Post, IngressParameters.From(http.Request.Query, body.Fields), body);
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, IMediator mediator, HitChannel channel,
        ConversionParameters parameters, BodyReader.Body body)
    {
        var token = http.Request.Headers[TokenHeader].ToString() is { Length: > 0 } header ? header
            : body.Fields.GetValueOrDefault("token") ?? IngressParameters.Value(http.Request.Query["token"]);
        var command = new ConversionReceived(Method.Postback, channel, null, parameters, null, token,
            http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString())
        {
            Problem = body.Problem,
            ProblemDetail = body.Detail,
        };
        IngressResult result;
        try
        {
            result = await mediator.Send(command, http.RequestAborted);
        }
        catch (IngressUnavailableException)
        {
            return Problems.Reason(StatusCodes.Status503ServiceUnavailable, Reasons.Unavailable,
                "The hit could not be recorded durably; send it again.", null);
        }
        if (result.Accepted) return Results.Json(new Accepted("accepted", result.HitId));
        var status = result.Reason switch
        {
            Reasons.TokenMissing => StatusCodes.Status401Unauthorized,
            Reasons.TokenInvalid => StatusCodes.Status403Forbidden,
            Reasons.BodyTooLarge => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status400BadRequest,
        };
        return Problems.Reason(status, result.Reason!, result.Detail, result.HitId);
    }

    private sealed record Accepted(string Status, string HitId);
}
