using System.Security.Claims;

namespace Tracking.Api.Access;

/// <summary>The four roles an API key can have (issue 10); a key of an advertiser or affiliate is bound to that one tenant.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Analyst = "analyst";
    public const string Advertiser = "advertiser";
    public const string Affiliate = "affiliate";

    public static readonly IReadOnlyList<string> All = [Admin, Analyst, Advertiser, Affiliate];
}

/// <summary>The authentication schemes: the <c>X-Api-Key</c> header on <c>/api</c>, the console's cookie session on its pages.</summary>
public static class AccessSchemes
{
    public const string ApiKey = "ApiKey";
    public const string Console = "Console";
}

/// <summary>
/// Who is calling, as every use case sees it: the role and, for a partner's key, the one advertiser or affiliate it is bound
/// to. <see cref="KeyId"/> is 0 for the bootstrap admin key of first start (kept as a hash in settings, not a key row).
/// </summary>
public sealed record Caller(string Role, int KeyId, int? AdvertiserId, int? AffiliateId, string Name)
{
    public const string KeyIdClaim = "trk:key_id";
    public const string AdvertiserClaim = "trk:advertiser_id";
    public const string AffiliateClaim = "trk:affiliate_id";
    public const string StampClaim = "trk:stamp";

    public static readonly Caller BootstrapAdmin = new(Roles.Admin, 0, null, null, "admin (bootstrap key)");

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>
    /// For the bootstrap admin: a fingerprint of the admin key it signed in with, so that a console session ends when the
    /// configured admin key changes (<see cref="IKeyAuthenticator.IsActiveAsync"/>). Null for key rows (their id is checked).
    /// </summary>
    public string? Stamp { get; init; }

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Role, Role), new(ClaimTypes.Name, Name), new(KeyIdClaim, KeyId.ToString()) };
        if (AdvertiserId is { } advertiser) claims.Add(new(AdvertiserClaim, advertiser.ToString()));
        if (AffiliateId is { } affiliate) claims.Add(new(AffiliateClaim, affiliate.ToString()));
        if (Stamp is not null) claims.Add(new(StampClaim, Stamp));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static Caller? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.Role) is not { } role) return null;
        return new Caller(role, Int(user, KeyIdClaim) ?? 0, Int(user, AdvertiserClaim), Int(user, AffiliateClaim),
            user.FindFirstValue(ClaimTypes.Name) ?? role)
        { Stamp = user.FindFirstValue(StampClaim) };
    }

    private static int? Int(ClaimsPrincipal user, string type) => int.TryParse(user.FindFirstValue(type), out var value) ? value : null;
}

/// <summary>Turns a presented key into its caller, and tells whether a signed-in key is still valid (not revoked).</summary>
public interface IKeyAuthenticator
{
    ValueTask<Caller?> AuthenticateAsync(string key, CancellationToken ct);

    ValueTask<bool> IsActiveAsync(Caller caller, CancellationToken ct);
}
