using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;
using Tracking.Infrastructure;

namespace Tracking.Api.Http;

/// <summary>
/// The one mapper from a refusal to its answer (ADR 0008): RFC 9457 problem details carrying the machine-readable
/// <c>reason</c> of SPEC 6, with the status that reason always has. Management endpoints and use cases throw
/// <see cref="DomainException"/> and the exception handler comes here; ingress answers a hit refused at once here
/// without throwing, because a refused hit is an ordinary answer on the hot path.
/// </summary>
public static class Problems
{
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string NotAcceptable = "not_acceptable";
    public const string BadRequest = "bad_request";
    public const string InternalError = "internal_error";
    public const string ApiKeyMissing = "api_key_missing";
    public const string ApiKeyInvalid = "api_key_invalid";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Forbidden = "forbidden";

    /// <summary>The status a reason is always answered with; every other reason is a 400.</summary>
    public static int StatusOf(string reason) => reason switch
    {
        Reasons.TokenMissing or ApiKeyMissing or Reasons.SignatureInvalid => StatusCodes.Status401Unauthorized,
        Reasons.TokenInvalid or ApiKeyInvalid or Forbidden or Reasons.IpNotAllowed => StatusCodes.Status403Forbidden,
        NotFound => StatusCodes.Status404NotFound,
        NotAcceptable => StatusCodes.Status406NotAcceptable,
        Conflict => StatusCodes.Status409Conflict,
        Reasons.BodyTooLarge => StatusCodes.Status413PayloadTooLarge,
        Reasons.RateLimited => StatusCodes.Status429TooManyRequests,
        InternalError => StatusCodes.Status500InternalServerError,
        Reasons.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The reason of a status the framework answers by itself (status code pages), where no reason was given.</summary>
    public static string ReasonOf(int? status) => status switch
    {
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        >= 500 => InternalError,
        _ => BadRequest,
    };

    /// <summary>The answer for a reason, with the hit it concerns when ingress recorded one.</summary>
    public static ProblemHttpResult For(string reason, string? detail, string? hitId = null) =>
        TypedResults.Problem(detail: detail, statusCode: StatusOf(reason), extensions: Extensions(reason, hitId));

    /// <summary>
    /// The 503 <c>unavailable</c> of a hit that could not be recorded durably in time, with <c>Retry-After</c>
    /// (<c>Tracking:Ingress:RetryAfter</c>) so a sender knows when to try again (decision 0017).
    /// </summary>
    public static ProblemHttpResult Unavailable(HttpContext http, string detail)
    {
        SetRetryAfter(http);
        return For(Reasons.Unavailable, detail);
    }

    /// <summary>Sets <c>Retry-After</c> to <c>Tracking:Ingress:RetryAfter</c>, in whole seconds.</summary>
    public static void SetRetryAfter(HttpContext http)
    {
        var after = http.RequestServices.GetRequiredService<IOptions<TrackingOptions>>().Value.Ingress.RetryAfter;
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An exception as the status, reason and detail it is answered with.</summary>
    public static (int Status, string Reason, string Detail) Of(Exception exception) => exception switch
    {
        DomainException d => (StatusOf(d.Reason), d.Reason, d.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } b => (b.StatusCode, Reasons.BodyTooLarge, b.Message),
        BadHttpRequestException b => (b.StatusCode, BadRequest, b.Message),
        DbUpdateConcurrencyException or ConcurrencyConflictException =>
            (StatusCodes.Status409Conflict, Conflict, "The record changed while this request ran; read it again and retry."),
        _ => (StatusCodes.Status500InternalServerError, InternalError, "An unexpected error occurred."),
    };

    /// <summary>What a use case's null answer means at the endpoint: the resource in the path does not exist.</summary>
    public static T Found<T>(T? value, string what, object id) where T : class =>
        value ?? throw new DomainException(NotFound, $"No {what} has the id {id}.");

    private static Dictionary<string, object?> Extensions(string reason, string? hitId)
    {
        var extensions = new Dictionary<string, object?> { ["reason"] = reason };
        if (hitId is not null) extensions["hit_id"] = hitId;
        return extensions;
    }
}
