using System.Security.Cryptography;

namespace Tracking.Domain.Catalog;

public sealed class Advertiser
{
    private Advertiser() { }

    public Advertiser(string name, DateTime createdAt)
    {
        Rename(name);
        PostbackToken = NewToken();
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string PostbackToken { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    public void Rename(string name) => Name = CatalogRules.RequireName(name);

    /// <summary>Issues a new token; postbacks with the old one answer 403 from then on.</summary>
    public void RotateToken() => PostbackToken = NewToken();

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
