using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Domain.Common;

namespace Tracking.Api.Features.Forwarding;

/// <summary>
/// SPEC 5 and 7: an affiliate's forwarding templates. The path keeps the word SPEC 7 gives clients,
/// <c>/api/affiliates/{affiliate_id}/postbacks</c>: to the affiliate they are its postbacks.
/// </summary>
public static class ForwardingTemplatesEndpoints
{
    private static readonly string[] TemplateRules =
    [
        JsonBody.Invalid, Reasons.InvalidUrl, Reasons.UnknownMacro, Reasons.InvalidTrigger, Reasons.InvalidHttpMethod, Reasons.InvalidState,
        Reasons.UnknownOffer, Reasons.UnknownGoal, Reasons.SigningSecretMissing,
    ];

    public static RouteGroupBuilder MapForwardingTemplates(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/affiliates/{affiliate_id}/postbacks").WithTags("Forwarding templates")
            .RequireAuthorization(Policies.AffiliateSide).Refuses(Problems.Forbidden);
        group.MapPost("", Create).WithName("CreateForwardingTemplate").WithSummary("Add a template that forwards conversions to the affiliate")
            .Accepts<ForwardingTemplateFields>("application/json").RefusesId(TemplateRules);
        group.MapGet("", List).WithName("ListForwardingTemplates").WithSummary("An affiliate's forwarding templates")
            .RefusesId(PageRequest.Refusals);
        group.MapGet("/{id}", Get).WithName("GetForwardingTemplate").WithSummary("One forwarding template of the affiliate").RefusesId();
        group.MapPatch("/{id}", Update).WithName("UpdateForwardingTemplate").WithSummary("Change, pause or resume a forwarding template")
            .Accepts<ForwardingTemplateFields>("application/json").RefusesId(TemplateRules);
        group.MapPost("/{id}/test", Test).WithName("TestForwardingTemplate")
            .WithSummary("Send one test delivery of a template with a sample conversion, and see the partner's answer").RefusesId();
        return group;
    }

    private static async Task<Created<ForwardingTemplateDto>> Create([FromRoute(Name = "affiliate_id")] string affiliateId, HttpRequest request,
        ISender sender)
    {
        var fields = await JsonBody.ReadAsync<ForwardingTemplateFields>(request);
        var template = Problems.Found(await sender.Send(new CreateForwardingTemplate(Affiliate(affiliateId), fields), request.HttpContext.RequestAborted),
            "affiliate", Affiliate(affiliateId));
        return TypedResults.Created($"/api/affiliates/{Affiliate(affiliateId)}/postbacks/{template.Id}", template);
    }

    private static async Task<Ok<Page<ForwardingTemplateDto>>> List([FromRoute(Name = "affiliate_id")] string affiliateId, string? limit,
        string? cursor, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(Problems.Found(await sender.Send(new ListForwardingTemplates(Affiliate(affiliateId), PageRequest.Parse(limit, cursor)), ct),
            "affiliate", Affiliate(affiliateId)));

    private static async Task<Ok<ForwardingTemplateDto>> Get([FromRoute(Name = "affiliate_id")] string affiliateId, string id, ISender sender,
        CancellationToken ct) =>
        TypedResults.Ok(Problems.Found(await sender.Send(new GetForwardingTemplate(Affiliate(affiliateId), Template(id)), ct),
            "postback template of this affiliate", Template(id)));

    private static async Task<Ok<ForwardingTemplateDto>> Update([FromRoute(Name = "affiliate_id")] string affiliateId, string id,
        HttpRequest request, ISender sender)
    {
        var fields = await JsonBody.ReadAsync<ForwardingTemplateFields>(request);
        var command = new UpdateForwardingTemplate(Affiliate(affiliateId), Template(id), fields);
        return TypedResults.Ok(Problems.Found(await sender.Send(command, request.HttpContext.RequestAborted),
            "postback template of this affiliate", Template(id)));
    }

    /// <summary>200 whatever the partner answered (its status, or the network error, is in the body); nothing is stored.</summary>
    private static async Task<Ok<TemplateTestResult>> Test([FromRoute(Name = "affiliate_id")] string affiliateId, string id, ISender sender,
        CancellationToken ct) =>
        TypedResults.Ok(Problems.Found(await sender.Send(new TestForwardingTemplate(Affiliate(affiliateId), Template(id)), ct),
            "postback template of this affiliate", Template(id)));

    private static int Affiliate(string id) => QueryValues.RouteId(id, "affiliate");

    private static int Template(string id) => QueryValues.RouteId(id, "postback template");
}
