using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Tracking.Api.Features.Affiliates;

namespace Tracking.Api.Management;

/// <summary>SPEC 7: <c>/api/affiliates</c>.</summary>
public static class AffiliatesApi
{
    public static RouteGroupBuilder MapAffiliates(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/affiliates").WithTags("Affiliates").ProducesValidationProblem();
        group.MapPost("", Create).WithName("CreateAffiliate").Accepts<CreateAffiliate>("application/json");
        group.MapGet("", List).WithName("ListAffiliates");
        group.MapGet("/{id:int}", Get).WithName("GetAffiliate");
        group.MapPatch("/{id:int}", Update).WithName("UpdateAffiliate").Accepts<AffiliatePatch>("application/json");
        group.MapPost("/{id:int}/secret/rotate", RotateSecret).WithName("RotateAffiliateSigningSecret");
        group.MapPostbacks();
        return group;
    }

    private static async Task<Created<AffiliateDto>> Create(HttpRequest request, ISender sender)
    {
        var affiliate = await sender.Send(await JsonBody.ReadAsync<CreateAffiliate>(request), request.HttpContext.RequestAborted);
        return TypedResults.Created($"/api/affiliates/{affiliate.Id}", affiliate);
    }

    private static async Task<Ok<Page<AffiliateDto>>> List(string? limit, string? cursor, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListAffiliates(PageQuery.From(limit, cursor)), ct));

    private static async Task<Results<Ok<AffiliateDto>, ProblemHttpResult>> Get(int id, ISender sender, CancellationToken ct) =>
        await sender.Send(new GetAffiliate(id), ct) is { } affiliate ? TypedResults.Ok(affiliate) : NotFound.Problem("affiliate", id);

    private static async Task<Results<Ok<AffiliateDto>, ProblemHttpResult>> Update(int id, HttpRequest request, ISender sender)
    {
        var patch = await JsonBody.ReadAsync<AffiliatePatch>(request);
        var command = new UpdateAffiliate(id, patch.Name);
        return await sender.Send(command, request.HttpContext.RequestAborted) is { } affiliate
            ? TypedResults.Ok(affiliate) : NotFound.Problem("affiliate", id);
    }

    private static async Task<Results<Ok<AffiliateDto>, ProblemHttpResult>> RotateSecret(int id, ISender sender, CancellationToken ct) =>
        await sender.Send(new RotateSigningSecret(id), ct) is { } affiliate ? TypedResults.Ok(affiliate) : NotFound.Problem("affiliate", id);

    /// <summary>The PATCH body: absent fields stay as they are.</summary>
    public sealed record AffiliatePatch(string? Name);
}
