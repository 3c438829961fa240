using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Tracking.Api.Access;
using Tracking.Api.Http;

namespace Tracking.Api.Features.Affiliates;

/// <summary>SPEC 7: <c>/api/affiliates</c>.</summary>
public static class AffiliatesEndpoints
{
    private static readonly string[] NameRules = ["name_required", "name_too_long"];

    public static RouteGroupBuilder MapAffiliates(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/affiliates").WithTags("Affiliates")
            .RequireAuthorization(Policies.AffiliateSide).Refuses(Problems.Forbidden);
        group.MapPost("", Create).WithName("CreateAffiliate").WithSummary("Create an affiliate")
            .Accepts<CreateAffiliate>("application/json").RefusesBody(NameRules);
        group.MapGet("", List).WithName("ListAffiliates").WithSummary("List affiliates by id").RefusesPaging();
        group.MapGet("/{id}", Get).WithName("GetAffiliate").WithSummary("One affiliate").RefusesId();
        group.MapPatch("/{id}", Update).WithName("UpdateAffiliate").WithSummary("Rename an affiliate")
            .Accepts<AffiliatePatch>("application/json").RefusesId([JsonBody.Invalid, .. NameRules]);
        group.MapPost("/{id}/secret/rotate", RotateSecret).WithName("RotateAffiliateSigningSecret")
            .WithSummary("Give the affiliate a new signing secret for its signed forwarding").RefusesId();
        return group;
    }

    private static async Task<Created<AffiliateDto>> Create(HttpRequest request, ISender sender)
    {
        var affiliate = await sender.Send(await JsonBody.ReadAsync<CreateAffiliate>(request), request.HttpContext.RequestAborted);
        return TypedResults.Created($"/api/affiliates/{affiliate.Id}", affiliate);
    }

    private static async Task<Ok<Page<AffiliateDto>>> List(string? limit, string? cursor, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListAffiliates(PageRequest.Parse(limit, cursor)), ct));

    private static async Task<Ok<AffiliateDto>> Get(string id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(Problems.Found(await sender.Send(new GetAffiliate(Id(id)), ct), "affiliate", Id(id)));

    private static async Task<Ok<AffiliateDto>> Update(string id, HttpRequest request, ISender sender)
    {
        var patch = await JsonBody.ReadAsync<AffiliatePatch>(request);
        var command = new UpdateAffiliate(Id(id), patch.Name);
        return TypedResults.Ok(Problems.Found(await sender.Send(command, request.HttpContext.RequestAborted), "affiliate", Id(id)));
    }

    private static async Task<Ok<AffiliateDto>> RotateSecret(string id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(Problems.Found(await sender.Send(new RotateSigningSecret(Id(id)), ct), "affiliate", Id(id)));

    /// <summary>The PATCH body: absent fields stay as they are.</summary>
    public sealed record AffiliatePatch(string? Name);

    private static int Id(string id) => QueryValues.RouteId(id, "affiliate");
}
