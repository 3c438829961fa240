using Mediator;
using Tracking.Api.Http;
using Tracking.Api.Limits;
using Tracking.Domain.Attribution;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Tracking.Domain.UseCases.ReceiveConversion;

namespace Tracking.Api.Ingress;

/// <summary>
/// SPEC 3.3: the server-to-server postback, by GET or POST (form or JSON). What can be judged at once is answered at once
/// with a problem details body and a <c>reason</c>; otherwise 200 once the hit is durably recorded.
/// </summary>
public static partial class PostbackEndpoints
{
    public const string TokenHeader = "X-Tracking-Token";
    private const int MaxBody = 16 * 1024;

    public static IEndpointRouteBuilder MapPostbacks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/postback").WithTags("Ingress").LimitedBy(RateLimits.Postbacks, "postback", OverLimit.Problem);
        group.MapGet("", Get).WithName("PostbackGet").WithSummary("The server-to-server postback, by GET").WithDescription(UnavailableNote)
            .Reads([.. PixelEndpoints.ConversionParameters, .. Extra]).Produces<Accepted>().Refuses(Refusals);
        group.MapPost("", Post).WithName("PostbackPost").DisableAntiforgery()
            .WithSummary("The server-to-server postback, by POST: the same fields as a form or JSON, over the query's").WithDescription(UnavailableNote)
            .Reads([.. PixelEndpoints.ConversionParameters, .. Extra]).Produces<Accepted>().Refuses([.. Refusals, Reasons.BodyTooLarge]);
        return app;
    }

    private const string UnavailableNote = "A hit that cannot be recorded durably within Tracking:Ingress:AcceptTimeout (the database is down or "
        + "overloaded) is answered 503 with reason unavailable and a Retry-After header (seconds): send it again then, with the same order_id or event_id.";

    private static readonly (string Name, string Description)[] Extra =
    [
        ("status", "approved, pending or rejected, or a status word: the defaults (sale, lead, 1, 2, 3, 5...) and the advertiser's own (aliases: "
            + string.Join(", ", IngressParameters.Postback.Status[1..]) + ")"),
        ("revenue", "What the advertiser pays for this conversion, over the goal's rule (aliases: " + string.Join(", ", IngressParameters.Postback.Revenue[1..]) + ")"),
        ("affiliate_payout", "The affiliate's payout, over the goal's rule; only for an advertiser with postback_sets_payout (alias: aff_payout)"),
        ("token", "The advertiser's postback token, or send X-Tracking-Token; an advertiser may also require an X-Tracking-Signature header " +
            "(t=<unix seconds>,v1=<hex HMAC-SHA256 of the canonical request>, docs/integration/advertisers.md) and an allowed client address"),
    ];

    /// <summary>What a postback is refused with at once (SPEC 3.3); the rest is decided by the worker and is the hit's outcome.</summary>
    private static readonly string[] Refusals =
    [
        Reasons.NoClickId, Reasons.InvalidClickId, Reasons.UnknownOffer, Reasons.UnknownGoal, Reasons.InvalidAmount, Reasons.InvalidCurrency,
        Reasons.InvalidStatus, Reasons.InvalidParameter, Reasons.InvalidBody, Reasons.TokenMissing, Reasons.TokenInvalid, Reasons.IpNotAllowed,
        Reasons.SignatureInvalid, Reasons.Unavailable, Reasons.RateLimited,
    ];

    private static Task<IResult> Get(HttpContext http, IMediator mediator, ILoggerFactory logs) =>
        ReceiveAsync(http, mediator, logs, HitChannel.Get, IngressParameters.From(IngressParameters.Postback, http.Request.Query), BodyReader.Body.Empty,
            Signed(http.Request, ReadOnlyMemory<byte>.Empty));

    private static async Task<IResult> Post(HttpContext http, IMediator mediator, ILoggerFactory logs)
    {
        // Only a signed postback keeps its raw body: the signature covers the bytes as sent (issue 12.1).
        ReadOnlyMemory<byte>? raw = http.Request.Headers.ContainsKey(PostbackSignature.Header) ? await SignedBody.ReadAsync(http.Request, MaxBody) : null;
        var body = await BodyReader.ReadAsync(http.Request, MaxBody);
        return await ReceiveAsync(http, mediator, logs, HitChannel.Post, IngressParameters.From(IngressParameters.Postback, http.Request.Query, body.Fields), body,
            raw is null ? null : Signed(http.Request, raw.Value));
    }

    private static SignedRequest? Signed(HttpRequest request, ReadOnlyMemory<byte> body) =>
        request.Headers[PostbackSignature.Header].ToString() is { Length: > 0 } header
            ? new SignedRequest(header, request.Method, request.Path.Value ?? "/postback", request.QueryString.Value, body)
            : null;

    private static async Task<IResult> ReceiveAsync(HttpContext http, IMediator mediator, ILoggerFactory logs, HitChannel channel,
        ConversionParameters parameters, BodyReader.Body body, SignedRequest? signed)
    {
        var token = http.Request.Headers[TokenHeader].ToString() is { Length: > 0 } header ? header
            : body.Fields.GetValueOrDefault("token") ?? IngressParameters.Value(http.Request.Query["token"]);
        var command = new ConversionReceived(Method.Postback, channel, null, parameters, null, token,
            http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString())
        {
            Problem = body.Problem,
            ProblemDetail = body.Detail,
            Signed = signed,
        };
        IngressResult result;
        try
        {
            result = await mediator.Send(command, http.RequestAborted);
        }
        catch (IngressUnavailableException)
        {
            return Problems.Unavailable(http, "The hit could not be recorded durably; send it again after Retry-After.");
        }
        if (result.Accepted) return Results.Json(new Accepted("accepted", result.HitId));
        LogRefused(logs.CreateLogger(typeof(PostbackEndpoints)), result.HitId, result.Reason!, command.Ip, result.Detail);
        return Problems.For(result.Reason!, result.Detail, result.HitId);
    }

    /// <summary>Issue 12.1: every refused postback, with its reason, in the debug log (and as the hit's outcome in /api/hits).</summary>
    [LoggerMessage(LogLevel.Debug, "Postback {HitId} refused: {Reason} from {ClientAddress}: {Detail}")]
    private static partial void LogRefused(ILogger logger, string hitId, string reason, string? clientAddress, string? detail);

    public sealed record Accepted(string Status, string HitId);
}
