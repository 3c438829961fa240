using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Features.Hits;
using Tracking.Api.Features.Hits.GetHit;
using Tracking.Api.Features.Hits.ListHits;
using Tracking.Api.Http;

namespace Tracking.Api.Management;

/// <summary>SPEC 7: the pixel log and the postback debug log, newest first; one hit with its outcome.</summary>
public static class HitsApi
{
    public static RouteGroupBuilder MapHits(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/hits").WithTags("Hits");
        group.MapGet("", List).WithName("ListHits");
        group.MapGet("/{id}", Get).WithName("GetHit");
        return group;
    }

    private static async Task<Ok<Page<HitDto>>> List([AsParameters] HitQuery q, IMediator mediator, CancellationToken ct)
    {
        var filter = new HitFilter(q.Method, q.Outcome, q.OfferId, q.AffiliateId, q.Goal, q.ClickId, q.ConversionId, q.From, q.To);
        return TypedResults.Ok(await mediator.Send(new ListHits(filter, PageRequest.From(q.Limit, q.Cursor)), ct));
    }

    private static async Task<IResult> Get(string id, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new GetHit(id), ct) is { } hit ? TypedResults.Ok(hit)
            : Problems.Reason(StatusCodes.Status404NotFound, ConversionsApi.NotFound, $"There is no hit {id}.");

    public sealed record HitQuery(
        string? Method, string? Outcome, [FromQuery(Name = "offer_id")] int? OfferId, [FromQuery(Name = "affiliate_id")] int? AffiliateId,
        string? Goal, [FromQuery(Name = "click_id")] string? ClickId, [FromQuery(Name = "conversion_id")] string? ConversionId,
        string? From, string? To, int? Limit, string? Cursor);
}
