namespace Tracking.Domain.Catalog;

public static class CatalogRules
{
    public const int MaxNameLength = 200;

    public static string RequireName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new DomainException("name_required", "A name is required.");
        if (trimmed.Length > MaxNameLength) throw new DomainException("name_too_long", $"A name has at most {MaxNameLength} characters.");
        return trimmed;
    }

    /// <summary>Landing URLs are absolute http(s) URLs; this is what makes the click redirect safe.</summary>
    public static string RequireLandingUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000)
            throw new DomainException("invalid_landing_url", "landing_url is required and has at most 2000 characters.");
        var probe = LandingUrl.Fill(url.Trim(), static _ => "x");
        if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            throw new DomainException("invalid_landing_url", "landing_url must be an absolute http or https URL.");
        return url.Trim();
    }
}
