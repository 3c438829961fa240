using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Tracking.Api.Features.Advertisers;

namespace Tracking.Api.Management;

/// <summary>SPEC 7: <c>/api/advertisers</c>.</summary>
public static class AdvertisersApi
{
    public static RouteGroupBuilder MapAdvertisers(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/advertisers").WithTags("Advertisers").ProducesValidationProblem();
        group.MapPost("", Create).WithName("CreateAdvertiser").Accepts<CreateAdvertiser>("application/json");
        group.MapGet("", List).WithName("ListAdvertisers");
        group.MapGet("/{id:int}", Get).WithName("GetAdvertiser");
        group.MapPatch("/{id:int}", Update).WithName("UpdateAdvertiser").Accepts<AdvertiserPatch>("application/json");
        return group;
    }

    private static async Task<Created<AdvertiserDto>> Create(HttpRequest request, ISender sender)
    {
        var advertiser = await sender.Send(await JsonBody.ReadAsync<CreateAdvertiser>(request), request.HttpContext.RequestAborted);
        return TypedResults.Created($"/api/advertisers/{advertiser.Id}", advertiser);
    }

    private static async Task<Ok<Page<AdvertiserDto>>> List(string? limit, string? cursor, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListAdvertisers(PageQuery.From(limit, cursor)), ct));

    private static async Task<Results<Ok<AdvertiserDto>, ProblemHttpResult>> Get(int id, ISender sender, CancellationToken ct) =>
        await sender.Send(new GetAdvertiser(id), ct) is { } advertiser ? TypedResults.Ok(advertiser) : NotFound.Problem("advertiser", id);

    private static async Task<Results<Ok<AdvertiserDto>, ProblemHttpResult>> Update(int id, HttpRequest request, ISender sender)
    {
        var patch = await JsonBody.ReadAsync<AdvertiserPatch>(request);
        var command = new UpdateAdvertiser(id, patch.Name, patch.RotateToken ?? false);
        return await sender.Send(command, request.HttpContext.RequestAborted) is { } advertiser
            ? TypedResults.Ok(advertiser) : NotFound.Problem("advertiser", id);
    }

    /// <summary>The PATCH body: absent fields stay as they are.</summary>
    public sealed record AdvertiserPatch(string? Name, bool? RotateToken);
}
