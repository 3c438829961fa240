using System.Security.Cryptography;

namespace Tracking.Domain.Catalog;

public sealed class Affiliate
{
    /// <summary>How long outbound postbacks keep carrying a signature made with the previous secret after a rotation.</summary>
    public static readonly TimeSpan SecretGrace = TimeSpan.FromHours(24);

    private Affiliate() { }

    public Affiliate(string name, DateTime createdAt)
    {
        Rename(name);
        SigningSecret = NewSecret();
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Signs outbound postbacks (SPEC 5); empty for affiliates created before forwarding existed, until rotated.</summary>
    public string SigningSecret { get; private set; } = "";
    public string? PreviousSigningSecret { get; private set; }
    public DateTime? PreviousSecretUntil { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public void Rename(string name) => Name = CatalogRules.RequireName(name);

    /// <summary>Issues a new secret; for <see cref="SecretGrace"/> requests are signed with both, so partners can switch without losing any.</summary>
    public void RotateSecret(DateTime now)
    {
        (PreviousSigningSecret, PreviousSecretUntil) = SigningSecret.Length == 0 ? ((string?)null, (DateTime?)null) : (SigningSecret, now + SecretGrace);
        SigningSecret = NewSecret();
    }

    /// <summary>The secrets to sign with now: the current one, and the previous one during its grace period.</summary>
    public IReadOnlyList<string> SecretsAt(DateTime now) =>
        PreviousSigningSecret is { } previous && PreviousSecretUntil > now ? [SigningSecret, previous] : [SigningSecret];

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
