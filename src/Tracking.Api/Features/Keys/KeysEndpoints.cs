using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Domain.Catalog;

namespace Tracking.Api.Features.Keys;

/// <summary>Issue 10: <c>/api/keys</c>, the admin's: make a key with a role (shown once), list them, revoke one.</summary>
public static class KeysEndpoints
{
    private static readonly string[] KeyRules =
        ["name_required", "name_too_long", CreateKeyHandler.InvalidRole, CreateKeyHandler.InvalidAdvertiserId, CreateKeyHandler.InvalidAffiliateId];

    public static RouteGroupBuilder MapKeys(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/keys").WithTags("Keys").RequireAuthorization(Policies.Admin).Refuses(Problems.Forbidden);
        group.MapPost("", Create).WithName("CreateKey").WithSummary("Make an API key with a role; the key is in this answer only")
            .Accepts<CreateKey>("application/json").RefusesBody(KeyRules);
        group.MapGet("", List).WithName("ListKeys").WithSummary("List API keys by id: prefix, role, scope, last use, revocation").RefusesPaging();
        group.MapDelete("/{id}", Revoke).WithName("RevokeKey").WithSummary("Revoke an API key at once").RefusesId();
        return group;
    }

    private static async Task<Created<KeyDto>> Create(HttpRequest request, ISender sender)
    {
        var key = await sender.Send(await JsonBody.ReadAsync<CreateKey>(request), request.HttpContext.RequestAborted);
        return TypedResults.Created($"/api/keys?cursor={key.Id - 1}&limit=1", key);
    }

    private static async Task<Ok<Page<KeyDto>>> List(string? limit, string? cursor, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListKeys(PageRequest.Parse(limit, cursor)), ct));

    private static async Task<NoContent> Revoke(string id, ISender sender, CancellationToken ct)
    {
        var keyId = QueryValues.RouteId(id, "key");
        if (!await sender.Send(new RevokeKey(keyId), ct)) throw new DomainException(Problems.NotFound, $"No key has the id {keyId}.");
        return TypedResults.NoContent();
    }
}
