using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Domain.Catalog;

namespace Tracking.Api.Features.Advertisers;

/// <summary>SPEC 7: <c>/api/advertisers</c>.</summary>
public static class AdvertisersEndpoints
{
    private static readonly string[] NameRules = ["name_required", "name_too_long"];
    private static readonly string[] AuthenticationRules = [IpAllowlist.Invalid, Advertiser.InvalidAuthentication];
    private static readonly string[] CreateRules = [.. NameRules, .. AuthenticationRules];
    private static readonly string[] UpdateRules = [JsonBody.Invalid, .. NameRules, "invalid_status_words", .. AuthenticationRules];

    public static RouteGroupBuilder MapAdvertisers(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/advertisers").WithTags("Advertisers")
            .RequireAuthorization(Policies.AdvertiserSide).Refuses(Problems.Forbidden);
        group.MapPost("", Create).WithName("CreateAdvertiser")
            .WithSummary("Create an advertiser, with its postback token and signing secret; optionally require_token, require_signature, allowed_ips")
            .Accepts<CreateAdvertiser>("application/json").RefusesBody(CreateRules);
        group.MapGet("", List).WithName("ListAdvertisers").WithSummary("List advertisers by id").RefusesPaging();
        group.MapGet("/{id}", Get).WithName("GetAdvertiser").WithSummary("One advertiser").RefusesId();
        group.MapPatch("/{id}", Update).WithName("UpdateAdvertiser")
            .WithSummary("Rename an advertiser, rotate its postback token or signing secret, set its status words, let its postbacks set the payout, " +
                "or choose the checks its postbacks pass (require_token, require_signature, allowed_ips: CIDR ranges, IPv4 and IPv6, [] for any)")
            .Accepts<AdvertiserPatch>("application/json").RefusesId(UpdateRules);
        return group;
    }

    private static async Task<Created<AdvertiserDto>> Create(HttpRequest request, ISender sender)
    {
        var advertiser = await sender.Send(await JsonBody.ReadAsync<CreateAdvertiser>(request), request.HttpContext.RequestAborted);
        return TypedResults.Created($"/api/advertisers/{advertiser.Id}", advertiser);
    }

    private static async Task<Ok<Page<AdvertiserDto>>> List(string? limit, string? cursor, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListAdvertisers(PageRequest.Parse(limit, cursor)), ct));

    private static async Task<Ok<AdvertiserDto>> Get(string id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(Problems.Found(await sender.Send(new GetAdvertiser(Id(id)), ct), "advertiser", Id(id)));

    private static async Task<Ok<AdvertiserDto>> Update(string id, HttpRequest request, ISender sender)
    {
        var patch = await JsonBody.ReadAsync<AdvertiserPatch>(request);
        var command = new UpdateAdvertiser(Id(id), patch.Name, patch.RotateToken ?? false)
        {
            StatusWords = patch.StatusWords,
            PostbackSetsPayout = patch.PostbackSetsPayout,
            RequireToken = patch.RequireToken,
            RequireSignature = patch.RequireSignature,
            AllowedIps = patch.AllowedIps,
            RotateSigningSecret = patch.RotateSigningSecret ?? false,
        };
        return TypedResults.Ok(Problems.Found(await sender.Send(command, request.HttpContext.RequestAborted), "advertiser", Id(id)));
    }

    /// <summary>
    /// The PATCH body: absent fields stay as they are; <c>status_words</c> replaces the advertiser's own words ({} clears them),
    /// <c>allowed_ips</c> its allowlist ([] allows any address); <c>rotate_signing_secret</c> keeps the previous secret valid for 24 h.
    /// </summary>
    public sealed record AdvertiserPatch(string? Name, bool? RotateToken, Dictionary<string, string?>? StatusWords, bool? PostbackSetsPayout,
        bool? RequireToken = null, bool? RequireSignature = null, List<string?>? AllowedIps = null, bool? RotateSigningSecret = null);

    private static int Id(string id) => QueryValues.RouteId(id, "advertiser");
}
