using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Http;

namespace Tracking.Api.Features.Limits;

/// <summary>Issue 12.2: what the rate limits refused, counted per minute with a sample (the admin's).</summary>
public static class LimitsEndpoints
{
    public static RouteGroupBuilder MapLimits(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/limits").WithTags("Limits").RequireAuthorization(Policies.Admin).Refuses(Problems.Forbidden);
        group.MapGet("/refused", List).WithName("ListRefusedRequests")
            .WithSummary("Requests refused by a rate limit per minute, endpoint and partition (address, advertiser or key), with a sample; " +
                "the totals per endpoint and the limits in force in the process that answers")
            .RefusesPaging(ListRefusalsHandler.InvalidEndpoint, QueryValues.InvalidTime);
        return group;
    }

    private static async Task<Ok<RefusalsPage>> List([AsParameters] RefusalQuery q, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListRefusals(q.Endpoint, q.From, q.To, PageRequest.Parse(q.Limit, q.Cursor)), ct));

    public sealed record RefusalQuery(
        [FromQuery(Name = "endpoint")] string? Endpoint, [FromQuery(Name = "from")] string? From, [FromQuery(Name = "to")] string? To,
        [FromQuery(Name = "limit")] string? Limit, [FromQuery(Name = "cursor")] string? Cursor);
}
