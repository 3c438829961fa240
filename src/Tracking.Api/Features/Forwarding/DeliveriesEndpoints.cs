using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Domain.Common;

namespace Tracking.Api.Features.Forwarding;

/// <summary>SPEC 5 and 7: the forwarding log (deliveries to affiliates), one delivery with its attempts, and replay.</summary>
public static class DeliveriesEndpoints
{
    public static RouteGroupBuilder MapDeliveries(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/deliveries").WithTags("Deliveries")
            .RequireAuthorization(Policies.AffiliateSide).Refuses(Problems.Forbidden);
        group.MapGet("", List).WithName("ListDeliveries").WithSummary("Deliveries to affiliates newest first, filtered")
            .RefusesPaging("invalid_affiliate_id", "invalid_offer_id", Reasons.InvalidState, QueryValues.InvalidTime);
        group.MapGet("/{id}", Get).WithName("GetDelivery").WithSummary("One delivery with every attempt").Refuses(Problems.NotFound);
        group.MapPost("/{id}/replay", Replay).WithName("ReplayDelivery").WithSummary("Send a delivery again").Refuses(Problems.NotFound);
        return group;
    }

    private static async Task<Ok<Page<DeliveryDto>>> List([AsParameters] DeliveryQuery q, ISender sender, CancellationToken ct)
    {
        var filter = new DeliveryFilter(QueryValues.Id(q.AffiliateId, "affiliate_id"), QueryValues.Id(q.OfferId, "offer_id"), q.ConversionId,
            q.State, q.From, q.To);
        return TypedResults.Ok(await sender.Send(new ListDeliveries(filter, PageRequest.Parse(q.Limit, q.Cursor)), ct));
    }

    private static async Task<Ok<DeliveryDto>> Get(string id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(Problems.Found(await sender.Send(new GetDelivery(id), ct), "delivery", id));

    private static async Task<Accepted<DeliveryDto>> Replay(string id, ISender sender, CancellationToken ct) =>
        TypedResults.Accepted($"/api/deliveries/{id}", Problems.Found(await sender.Send(new ReplayDelivery(id), ct), "delivery", id));

    public sealed record DeliveryQuery(
        [FromQuery(Name = "affiliate_id")] string? AffiliateId, [FromQuery(Name = "offer_id")] string? OfferId,
        [FromQuery(Name = "conversion_id")] string? ConversionId, [FromQuery(Name = "state")] string? State,
        [FromQuery(Name = "from")] string? From, [FromQuery(Name = "to")] string? To, [FromQuery(Name = "limit")] string? Limit,
        [FromQuery(Name = "cursor")] string? Cursor);
}
