using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Features.Conversions;
using Tracking.Api.Features.Conversions.ChangeConversionStatus;
using Tracking.Api.Features.Conversions.GetConversion;
using Tracking.Api.Features.Conversions.ListConversions;
using Tracking.Api.Http;

namespace Tracking.Api.Management;

/// <summary>SPEC 7: conversions, filtered and paged newest first; one conversion with its hits; status changes.</summary>
public static class ConversionsApi
{
    public const string NotFound = "not_found";

    public static RouteGroupBuilder MapConversions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/conversions").WithTags("Conversions");
        group.MapGet("", List).WithName("ListConversions");
        group.MapGet("/{id}", Get).WithName("GetConversion");
        group.MapPatch("/{id}", Patch).WithName("ChangeConversionStatus");
        return group;
    }

    private static async Task<Ok<Page<ConversionDto>>> List([AsParameters] ConversionQuery q, IMediator mediator, CancellationToken ct)
    {
        var filter = new ConversionFilter(q.OfferId, q.AffiliateId, q.Goal, q.ClickId, q.Method, q.Discrepancy, q.Status, q.Match, q.From, q.To);
        return TypedResults.Ok(await mediator.Send(new ListConversions(filter, PageRequest.From(q.Limit, q.Cursor)), ct));
    }

    private static async Task<IResult> Get(string id, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new GetConversion(id), ct) is { } conversion ? TypedResults.Ok(conversion) : Missing(id);

    private static async Task<IResult> Patch(string id, StatusChangeRequest body, IMediator mediator, CancellationToken ct)
    {
        try
        {
            return await mediator.Send(new ChangeConversionStatus(id, body.Status), ct) is { } conversion ? TypedResults.Ok(conversion) : Missing(id);
        }
        catch (ConversionChangedException ex)
        {
            return Problems.Reason(StatusCodes.Status409Conflict, "conflict", ex.Message);
        }
    }

    private static IResult Missing(string id) => Problems.Reason(StatusCodes.Status404NotFound, NotFound, $"There is no conversion {id}.");

    public sealed record StatusChangeRequest(string? Status);

    public sealed record ConversionQuery(
        [FromQuery(Name = "offer_id")] int? OfferId, [FromQuery(Name = "affiliate_id")] int? AffiliateId,
        string? Goal, [FromQuery(Name = "click_id")] string? ClickId, string? Method, string? Discrepancy,
        string? Status, string? Match, string? From, string? To, int? Limit, string? Cursor);
}
