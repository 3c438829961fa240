using System.Security.Cryptography;

namespace Tracking.Domain.Catalog;

/// <summary>Issue 12.1: which checks an advertiser's postbacks pass: its token, its IP allowlist, its signature.</summary>
public sealed partial class Advertiser
{
    /// <summary>How long postbacks signed with the previous secret are still accepted after a rotation (as for affiliates).</summary>
    public static readonly TimeSpan SecretGrace = TimeSpan.FromHours(24);
    public const string InvalidAuthentication = "invalid_authentication";

    /// <summary>Postbacks must carry the token (the default).</summary>
    public bool RequireToken { get; private set; } = true;
    /// <summary>Postbacks must carry an <c>X-Tracking-Signature</c> made with the signing secret.</summary>
    public bool RequireSignature { get; private set; }
    /// <summary>CIDR ranges postbacks may come from, canonical (<see cref="IpAllowlist"/>); empty: any address.</summary>
    public List<string> AllowedIps { get; private set; } = [];
    /// <summary>Signs inbound postbacks; empty for advertisers made before signatures existed, until one is required or rotated.</summary>
    public string SigningSecret { get; private set; } = "";
    public string? PreviousSigningSecret { get; private set; }
    public DateTime? PreviousSecretUntil { get; private set; }

    /// <summary>Sets which checks apply; a postback must prove itself by its token or its signature, or both.</summary>
    public void SetAuthentication(bool? requireToken, bool? requireSignature, IEnumerable<string?>? allowedIps)
    {
        var token = requireToken ?? RequireToken;
        var signature = requireSignature ?? RequireSignature;
        if (!token && !signature)
            throw new DomainException(InvalidAuthentication, "require_token and require_signature cannot both be false: a postback must prove itself by one of them.");
        if (allowedIps is not null) AllowedIps = IpAllowlist.Normalize(allowedIps);
        (RequireToken, RequireSignature) = (token, signature);
        if (RequireSignature && SigningSecret.Length == 0) SigningSecret = NewSecret();
    }

    /// <summary>Issues a new signing secret; for <see cref="SecretGrace"/> postbacks signed with the previous one still pass.</summary>
    public void RotateSigningSecret(DateTime now)
    {
        (PreviousSigningSecret, PreviousSecretUntil) = SigningSecret.Length == 0 ? ((string?)null, (DateTime?)null) : (SigningSecret, now + SecretGrace);
        SigningSecret = NewSecret();
    }

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
