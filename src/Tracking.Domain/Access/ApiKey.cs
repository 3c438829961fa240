using System.Security.Cryptography;
using System.Text;
using Tracking.Domain.Catalog;

namespace Tracking.Domain.Access;

/// <summary>
/// A management API key (issue 10): its role, the one advertiser or affiliate a partner's key is bound to, and only the
/// SHA-256 hash of the key itself; the key is shown once, by <see cref="Issue"/>.
/// </summary>
public sealed class ApiKey
{
    public const int PrefixLength = 12;

    /// <summary><c>last_used_at</c> is written at most this often per key, so a busy key costs no write per request.</summary>
    public static readonly TimeSpan UsageResolution = TimeSpan.FromMinutes(1);

    private ApiKey() { }

    private ApiKey(string name, string role, int? advertiserId, int? affiliateId, string key, DateTime createdAt)
    {
        Name = CatalogRules.RequireName(name);
        Role = role;
        AdvertiserId = advertiserId;
        AffiliateId = affiliateId;
        KeyHash = HashOf(key);
        Prefix = key[..PrefixLength];
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Role { get; private set; } = "";
    public int? AdvertiserId { get; private set; }
    public int? AffiliateId { get; private set; }
    public string KeyHash { get; private set; } = "";
    public string Prefix { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>A new key with a random secret (<c>trk_</c> and 40 hex digits): the row to store and the key to show once.</summary>
    public static (ApiKey Row, string Key) Issue(string name, string role, int? advertiserId, int? affiliateId, DateTime now)
    {
        var key = "trk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        return (new ApiKey(name, role, advertiserId, affiliateId, key, now), key);
    }

    /// <summary>Takes effect at once; revoking twice keeps the first time.</summary>
    public void Revoke(DateTime now) => RevokedAt ??= now;

    /// <summary>Whether a use at <paramref name="now"/> is worth recording (the last one is older than <see cref="UsageResolution"/>).</summary>
    public bool UsageIsStale(DateTime now) => LastUsedAt is not { } last || now - last >= UsageResolution;

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
