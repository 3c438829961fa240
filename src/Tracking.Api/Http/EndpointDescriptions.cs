using Microsoft.AspNetCore.Mvc;

namespace Tracking.Api.Http;

/// <summary>The reasons an endpoint can answer with one status: the OpenAPI document lists them under that response.</summary>
public sealed record RefusalReasons(int Status, IReadOnlyList<string> Reasons);

public static class EndpointDescriptions
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>
    /// Declares what an endpoint refuses, by reason: each status those reasons have (<see cref="Problems.StatusOf"/>) is a
    /// problem details response in the OpenAPI document, described with its reasons.
    /// </summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, params IEnumerable<string> reasons) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var byStatus in reasons.Distinct().GroupBy(Problems.StatusOf))
        {
            builder.WithMetadata(
                new ProducesResponseTypeMetadata(byStatus.Key, typeof(ProblemDetails), [ProblemJson]),
                new RefusalReasons(byStatus.Key, byStatus.ToList()));
        }
        return builder;
    }

    /// <summary>A path id of an integer-keyed resource: malformed is <c>invalid_id</c>, unknown is <c>not_found</c>.</summary>
    public static RouteHandlerBuilder RefusesId(this RouteHandlerBuilder builder, params IEnumerable<string> more) =>
        builder.Refuses([QueryValues.InvalidId, Problems.NotFound, .. more]);

    /// <summary>A JSON body: not JSON, not an object or a field of the wrong type is <c>invalid_body</c>.</summary>
    public static RouteHandlerBuilder RefusesBody(this RouteHandlerBuilder builder, params IEnumerable<string> more) =>
        builder.Refuses([JsonBody.Invalid, .. more]);

    /// <summary>A paged list: <c>invalid_limit</c>, <c>invalid_cursor</c> and the reasons of its filters.</summary>
    public static RouteHandlerBuilder RefusesPaging(this RouteHandlerBuilder builder, params IEnumerable<string> more) =>
        builder.Refuses([.. PageRequest.Refusals, .. more]);
}
