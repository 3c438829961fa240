using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Http;

namespace Tracking.Api.Features.Hits;

/// <summary>SPEC 7: the pixel log and the postback debug log, newest first; one hit with its outcome.</summary>
public static class HitsEndpoints
{
    public static RouteGroupBuilder MapHits(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/hits").WithTags("Hits")
            .RequireAuthorization(Policies.AdvertiserSide).Refuses(Problems.Forbidden);
        group.MapGet("", List).WithName("ListHits").WithSummary("The pixel log and the postback debug log, newest first, filtered")
            .RefusesPaging("invalid_method", "invalid_outcome", "invalid_offer_id", "invalid_affiliate_id", QueryValues.InvalidTime);
        group.MapGet("/{id}", Get).WithName("GetHit").WithSummary("One hit: every parameter as received, its outcome and conversion")
            .Refuses(Problems.NotFound);
        return group;
    }

    private static async Task<Ok<Page<HitDto>>> List([AsParameters] HitQuery q, ISender sender, CancellationToken ct)
    {
        var filter = new HitFilter(q.Method, q.Outcome, QueryValues.Id(q.OfferId, "offer_id"), QueryValues.Id(q.AffiliateId, "affiliate_id"),
            q.Goal, q.ClickId, q.ConversionId, q.From, q.To);
        return TypedResults.Ok(await sender.Send(new ListHits(filter, PageRequest.Parse(q.Limit, q.Cursor)), ct));
    }

    private static async Task<Ok<HitDto>> Get(string id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(Problems.Found(await sender.Send(new GetHit(id), ct), "hit", id));

    public sealed record HitQuery(
        [FromQuery(Name = "method")] string? Method, [FromQuery(Name = "outcome")] string? Outcome,
        [FromQuery(Name = "offer_id")] string? OfferId, [FromQuery(Name = "affiliate_id")] string? AffiliateId,
        [FromQuery(Name = "goal")] string? Goal, [FromQuery(Name = "click_id")] string? ClickId, [FromQuery(Name = "conversion_id")] string? ConversionId,
        [FromQuery(Name = "from")] string? From, [FromQuery(Name = "to")] string? To, [FromQuery(Name = "limit")] string? Limit,
        [FromQuery(Name = "cursor")] string? Cursor);
}
