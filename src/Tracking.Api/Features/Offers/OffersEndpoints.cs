using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Infrastructure;

namespace Tracking.Api.Features.Offers;

/// <summary>SPEC 7: <c>/api/offers</c>, their goals and their integration kit.</summary>
public static class OffersEndpoints
{
    private static readonly string[] OfferRules =
    [
        "advertiser_id_required", "unknown_advertiser", "advertiser_immutable", "name_required", "name_too_long", "invalid_landing_url",
        "invalid_lookback_days", "invalid_reconcile_after_minutes", "invalid_expected_methods", "invalid_currency", "invalid_authority", "invalid_state",
        "invalid_event_goals",
        "invalid_hold_days",
    ];

    private static readonly string[] GoalRules = ["invalid_goal_code", "goal_exists", "invalid_amount", "invalid_revenue_type", "invalid_payout_type"];

    public static RouteGroupBuilder MapOffers(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/offers").WithTags("Offers")
            .RequireAuthorization(Policies.AdvertiserSide).Refuses(Problems.Forbidden);
        group.MapPost("", Create).WithName("CreateOffer").WithSummary("Create an offer of an advertiser, with the goal conversion")
            .Accepts<OfferFields>("application/json").RefusesBody(OfferRules);
        group.MapGet("", List).WithName("ListOffers").WithSummary("List offers by id, of one advertiser or all")
            .RefusesPaging("invalid_advertiser_id");
        group.MapGet("/{id}", Get).WithName("GetOffer").WithSummary("One offer").RefusesId();
        group.MapPatch("/{id}", Update).WithName("UpdateOffer").WithSummary("Change an offer's name, landing page or settings")
            .Accepts<OfferFields>("application/json").RefusesId([JsonBody.Invalid, .. OfferRules]);
        group.MapPost("/{id}/goals", AddGoal).WithName("AddGoal").WithSummary("Add a goal to an offer")
            .Accepts<GoalFields>("application/json").RefusesId([JsonBody.Invalid, .. GoalRules]);
        group.MapGet("/{id}/goals", ListGoals).WithName("ListGoals").WithSummary("An offer's goals").RefusesId();
        group.MapGet("/{id}/integration", Integration).WithName("GetIntegration")
            .WithSummary("The tracking link, pixel snippets and postback URL to paste").RefusesId();
        group.MapPost("/{id}/test-conversions", SendTest).WithName("SendTestConversion")
            .WithSummary("A test click, pixel and postback, marked as tests (left out of reports and forwarding)")
            .Accepts<TestConversionRequest>("application/json").RefusesId([JsonBody.Invalid, "no_affiliate"]);
        return group;
    }

    private static async Task<Created<OfferDto>> Create(HttpRequest request, ISender sender)
    {
        var offer = await sender.Send(new CreateOffer(await JsonBody.ReadAsync<OfferFields>(request)), request.HttpContext.RequestAborted);
        return TypedResults.Created($"/api/offers/{offer.Id}", offer);
    }

    private static async Task<Ok<Page<OfferDto>>> List(
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "advertiser_id")] string? advertiserId, string? limit, string? cursor, ISender sender,
        CancellationToken ct)
    {
        var query = new ListOffers(QueryValues.Id(advertiserId, "advertiser_id"), PageRequest.Parse(limit, cursor));
        return TypedResults.Ok(await sender.Send(query, ct));
    }

    private static async Task<Ok<OfferDto>> Get(string id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(Problems.Found(await sender.Send(new GetOffer(Id(id)), ct), "offer", Id(id)));

    private static async Task<Ok<OfferDto>> Update(string id, HttpRequest request, ISender sender)
    {
        var command = new UpdateOffer(Id(id), await JsonBody.ReadAsync<OfferFields>(request));
        return TypedResults.Ok(Problems.Found(await sender.Send(command, request.HttpContext.RequestAborted), "offer", Id(id)));
    }

    private static async Task<Created<GoalDto>> AddGoal(string id, HttpRequest request, ISender sender)
    {
        var command = new AddGoal(Id(id), await JsonBody.ReadAsync<GoalFields>(request));
        var goal = Problems.Found(await sender.Send(command, request.HttpContext.RequestAborted), "offer", Id(id));
        return TypedResults.Created($"/api/offers/{Id(id)}/goals/{goal.Id}", goal);
    }

    private static async Task<Ok<Page<GoalDto>>> ListGoals(string id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(Problems.Found(await sender.Send(new ListGoals(Id(id)), ct), "offer", Id(id)));

    private static async Task<Ok<IntegrationKit>> Integration(string id, HttpRequest request, IOptions<TrackingOptions> options, ISender sender,
        CancellationToken ct)
    {
        var baseUrl = PublicUrl.Of(request, options.Value);
        return TypedResults.Ok(Problems.Found(await sender.Send(new GetIntegration(Id(id), baseUrl), ct), "offer", Id(id)));
    }

    private static async Task<Accepted<TestConversionSent>> SendTest(string id, HttpRequest request, ISender sender)
    {
        var body = await JsonBody.ReadAsync<TestConversionRequest>(request);
        var sent = Problems.Found(await sender.Send(new SendTestConversion(Id(id), body.Goal, body.Amount), request.HttpContext.RequestAborted),
            "offer", Id(id));
        return TypedResults.Accepted($"/api/hits/{sent.PostbackHitId}", sent);
    }

    public sealed record TestConversionRequest(string? Goal, decimal? Amount);

    private static int Id(string id) => QueryValues.RouteId(id, "offer");
}
