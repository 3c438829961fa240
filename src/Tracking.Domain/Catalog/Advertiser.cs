using System.Security.Cryptography;
using System.Text;
using Tracking.Domain.Conversions;

namespace Tracking.Domain.Catalog;

/// <summary>
/// An advertiser. Its postback token and signing secrets are plain here and protected at rest (issue 12.4, decision 0018):
/// the database holds them encrypted, and the token's SHA-256, which is all ingress needs to check one.
/// </summary>
public sealed partial class Advertiser
{
    private Advertiser() { }

    public Advertiser(string name, DateTime createdAt)
    {
        Rename(name);
        RotateToken();
        SigningSecret = NewSecret();
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string PostbackToken { get; private set; } = "";
    /// <summary>The lower-case hex SHA-256 of <see cref="PostbackToken"/>: what ingress compares a given token with.</summary>
    public string PostbackTokenHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    /// <summary>The advertiser's own status words (issue 11.2), word to <c>approved</c>/<c>pending</c>/<c>rejected</c>; they win over the defaults.</summary>
    public Dictionary<string, string> StatusWords { get; private set; } = [];
    /// <summary>Whether a postback's <c>affiliate_payout</c> sets the conversion's payout (issue 11.3); off by default.</summary>
    public bool PostbackSetsPayout { get; private set; }

    /// <summary>Replaces the advertiser's own status words; an empty map leaves only the defaults.</summary>
    public void SetStatusWords(IReadOnlyDictionary<string, string?> words)
    {
        if (words.Count > Conversions.StatusWords.MaxWords)
            throw new DomainException("invalid_status_words", $"At most {Conversions.StatusWords.MaxWords} status words.");
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (word, status) in words)
        {
            var w = word.Trim().ToLowerInvariant();
            if (w.Length is 0 or > Conversions.StatusWords.MaxWordLength || w.Any(char.IsWhiteSpace))
                throw new DomainException("invalid_status_words", $"A status word is 1 to {Conversions.StatusWords.MaxWordLength} characters without spaces; '{word}' is not.");
            if (!ConversionStatuses.TryParse(status, out var s))
                throw new DomainException("invalid_status_words", $"'{word}' must map to approved, pending or rejected.");
            set[w] = Conversions.StatusWords.Name(s);
        }
        StatusWords = set;
    }

    public void AllowPostbackPayout(bool allowed) => PostbackSetsPayout = allowed;

    public void Rename(string name) => Name = CatalogRules.RequireName(name);

    /// <summary>Issues a new token; postbacks with the old one answer 403 from then on.</summary>
    public void RotateToken()
    {
        PostbackToken = NewToken();
        PostbackTokenHash = HashOf(PostbackToken);
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
