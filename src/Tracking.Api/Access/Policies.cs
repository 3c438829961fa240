using Microsoft.AspNetCore.Authorization;

namespace Tracking.Api.Access;

/// <summary>
/// Which roles may reach a group of endpoints (or pages) at all. The policies name no scheme: <c>/api</c> adds
/// <see cref="AccessSchemes.ApiKey"/>, the console's pages <see cref="AccessSchemes.Console"/>. Tenancy (which advertiser's
/// or affiliate's rows) is not a policy's business: every use case scopes its own queries (<see cref="Scope"/>).
/// </summary>
public static class Policies
{
    public const string AnyRole = "any-role";
    public const string Admin = "admin-only";
    public const string AdvertiserSide = "advertiser-side";
    public const string AffiliateSide = "affiliate-side";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(AnyRole, p => p.RequireRole(Roles.All));
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(AdvertiserSide, p => p.RequireRole(Scope.AdvertiserSide));
        options.AddPolicy(AffiliateSide, p => p.RequireRole(Scope.AffiliateSide));
    }

    /// <summary>The <c>/api</c> group: authenticated by the <c>X-Api-Key</c> header only, never by the console's cookie.</summary>
    public static readonly IAuthorizeData ApiKeyOnly = new AuthorizeAttribute(AnyRole) { AuthenticationSchemes = AccessSchemes.ApiKey };
}
