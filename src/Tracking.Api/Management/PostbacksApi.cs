using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Tracking.Api.Features.Postbacks;

namespace Tracking.Api.Management;

/// <summary>SPEC 5 and 7: an affiliate's outbound postback templates, <c>/api/affiliates/{id}/postbacks</c>.</summary>
public static class PostbacksApi
{
    public static RouteGroupBuilder MapPostbacks(this RouteGroupBuilder affiliates)
    {
        var group = affiliates.MapGroup("/{affiliateId:int}/postbacks").WithTags("Affiliate postbacks");
        group.MapPost("", Create).WithName("CreatePostbackTemplate").Accepts<PostbackTemplateFields>("application/json");
        group.MapGet("", List).WithName("ListPostbackTemplates");
        group.MapGet("/{id:int}", Get).WithName("GetPostbackTemplate");
        group.MapPatch("/{id:int}", Update).WithName("UpdatePostbackTemplate").Accepts<PostbackTemplateFields>("application/json");
        return group;
    }

    private static async Task<Results<Created<PostbackTemplateDto>, ProblemHttpResult>> Create(int affiliateId, HttpRequest request, ISender sender)
    {
        var fields = await JsonBody.ReadAsync<PostbackTemplateFields>(request);
        return await sender.Send(new CreatePostbackTemplate(affiliateId, fields), request.HttpContext.RequestAborted) is { } template
            ? TypedResults.Created($"/api/affiliates/{affiliateId}/postbacks/{template.Id}", template)
            : NotFound.Problem("affiliate", affiliateId);
    }

    private static async Task<Results<Ok<Page<PostbackTemplateDto>>, ProblemHttpResult>> List(int affiliateId, string? limit, string? cursor,
        ISender sender, CancellationToken ct) =>
        await sender.Send(new ListPostbackTemplates(affiliateId, PageQuery.From(limit, cursor)), ct) is { } page
            ? TypedResults.Ok(page) : NotFound.Problem("affiliate", affiliateId);

    private static async Task<Results<Ok<PostbackTemplateDto>, ProblemHttpResult>> Get(int affiliateId, int id, ISender sender, CancellationToken ct) =>
        await sender.Send(new GetPostbackTemplate(affiliateId, id), ct) is { } template
            ? TypedResults.Ok(template) : NotFound.Problem("postback template of this affiliate", id);

    private static async Task<Results<Ok<PostbackTemplateDto>, ProblemHttpResult>> Update(int affiliateId, int id, HttpRequest request, ISender sender)
    {
        var fields = await JsonBody.ReadAsync<PostbackTemplateFields>(request);
        return await sender.Send(new UpdatePostbackTemplate(affiliateId, id, fields), request.HttpContext.RequestAborted) is { } template
            ? TypedResults.Ok(template) : NotFound.Problem("postback template of this affiliate", id);
    }
}
