using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Features.Deliveries;
using Tracking.Api.Http;

namespace Tracking.Api.Management;

/// <summary>SPEC 5 and 7: the outbound postback log, one delivery with its attempts, and replay.</summary>
public static class DeliveriesApi
{
    public static RouteGroupBuilder MapDeliveries(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/deliveries").WithTags("Deliveries");
        group.MapGet("", List).WithName("ListDeliveries");
        group.MapGet("/{id}", Get).WithName("GetDelivery");
        group.MapPost("/{id}/replay", Replay).WithName("ReplayDelivery");
        return group;
    }

    private static async Task<Ok<Page<DeliveryDto>>> List([AsParameters] DeliveryQuery q, ISender sender, CancellationToken ct)
    {
        var filter = new DeliveryFilter(q.AffiliateId, q.OfferId, q.ConversionId, q.State, q.From, q.To);
        return TypedResults.Ok(await sender.Send(new ListDeliveries(filter, PageQuery.From(q.Limit, q.Cursor)), ct));
    }

    private static async Task<IResult> Get(string id, ISender sender, CancellationToken ct) =>
        await sender.Send(new GetDelivery(id), ct) is { } delivery ? TypedResults.Ok(delivery) : Missing(id);

    private static async Task<IResult> Replay(string id, ISender sender, CancellationToken ct) =>
        await sender.Send(new ReplayDelivery(id), ct) is { } delivery ? TypedResults.Accepted($"/api/deliveries/{id}", delivery) : Missing(id);

    private static IResult Missing(string id) => Problems.Reason(StatusCodes.Status404NotFound, "not_found", $"There is no delivery {id}.");

    public sealed record DeliveryQuery(
        [FromQuery(Name = "affiliate_id")] int? AffiliateId, [FromQuery(Name = "offer_id")] int? OfferId,
        [FromQuery(Name = "conversion_id")] string? ConversionId, string? State, string? From, string? To, string? Limit, string? Cursor);
}
