using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Tracking.Api.Features.Offers;
using Tracking.Domain.Catalog;

namespace Tracking.Api.Management;

/// <summary>SPEC 7: <c>/api/offers</c>, their goals and their integration kit.</summary>
public static class OffersApi
{
    public static RouteGroupBuilder MapOffers(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/offers").WithTags("Offers").ProducesValidationProblem();
        group.MapPost("", Create).WithName("CreateOffer").Accepts<OfferFields>("application/json");
        group.MapGet("", List).WithName("ListOffers");
        group.MapGet("/{id:int}", Get).WithName("GetOffer");
        group.MapPatch("/{id:int}", Update).WithName("UpdateOffer").Accepts<OfferFields>("application/json");
        group.MapPost("/{id:int}/goals", AddGoal).WithName("AddGoal").Accepts<GoalFields>("application/json");
        group.MapGet("/{id:int}/goals", ListGoals).WithName("ListGoals");
        group.MapGet("/{id:int}/integration", Integration).WithName("GetIntegration");
        return group;
    }

    private static async Task<Created<OfferDto>> Create(HttpRequest request, ISender sender)
    {
        var offer = await sender.Send(new CreateOffer(await JsonBody.ReadAsync<OfferFields>(request)), request.HttpContext.RequestAborted);
        return TypedResults.Created($"/api/offers/{offer.Id}", offer);
    }

    private static async Task<Ok<Page<OfferDto>>> List(string? advertiser_id, string? limit, string? cursor, ISender sender, CancellationToken ct)
    {
        int? advertiserId = null;
        if (!string.IsNullOrEmpty(advertiser_id))
            advertiserId = int.TryParse(advertiser_id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id
                : throw new DomainException("invalid_advertiser_id", "advertiser_id is an advertiser's integer id.");
        return TypedResults.Ok(await sender.Send(new ListOffers(advertiserId, PageQuery.From(limit, cursor)), ct));
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> Get(int id, ISender sender, CancellationToken ct) =>
        await sender.Send(new GetOffer(id), ct) is { } offer ? TypedResults.Ok(offer) : NotFound.Problem("offer", id);

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> Update(int id, HttpRequest request, ISender sender)
    {
        var command = new UpdateOffer(id, await JsonBody.ReadAsync<OfferFields>(request));
        return await sender.Send(command, request.HttpContext.RequestAborted) is { } offer ? TypedResults.Ok(offer) : NotFound.Problem("offer", id);
    }

    private static async Task<Results<Created<GoalDto>, ProblemHttpResult>> AddGoal(int id, HttpRequest request, ISender sender)
    {
        var command = new AddGoal(id, await JsonBody.ReadAsync<GoalFields>(request));
        return await sender.Send(command, request.HttpContext.RequestAborted) is { } goal
            ? TypedResults.Created($"/api/offers/{id}/goals/{goal.Id}", goal) : NotFound.Problem("offer", id);
    }

    private static async Task<Results<Ok<Page<GoalDto>>, ProblemHttpResult>> ListGoals(int id, ISender sender, CancellationToken ct) =>
        await sender.Send(new ListGoals(id), ct) is { } goals ? TypedResults.Ok(goals) : NotFound.Problem("offer", id);

    private static async Task<Results<Ok<IntegrationKit>, ProblemHttpResult>> Integration(
        int id, HttpRequest request, IConfiguration configuration, ISender sender, CancellationToken ct)
    {
        // Behind a proxy the request's own host is not what advertisers should paste; Tracking:PublicBaseUrl says what is.
        var baseUrl = configuration["Tracking:PublicBaseUrl"] is { Length: > 0 } configured ? configured
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return await sender.Send(new GetIntegration(id, baseUrl), ct) is { } kit ? TypedResults.Ok(kit) : NotFound.Problem("offer", id);
    }
}
