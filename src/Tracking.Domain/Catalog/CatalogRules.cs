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

    /// <summary>
    /// Landing URLs are absolute http(s) URLs whose scheme and host no macro can change; this is what makes the click redirect
    /// safe. Filled two ways, as postback templates are: <c>https://shop.example{sub1}/</c> would send a click with
    /// <c>sub1=.evil.example</c> to <c>shop.example.evil.example</c> (found by the property tests, issue 12.6).
    /// </summary>
    public static string RequireLandingUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000)
            throw new DomainException("invalid_landing_url", "landing_url is required and has at most 2000 characters.");
        var x = LandingUrl.Fill(url.Trim(), static _ => "x");
        var y = LandingUrl.Fill(url.Trim(), static _ => "y");
        if (!Uri.TryCreate(x, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)
            || !Uri.TryCreate(y, UriKind.Absolute, out var other) || other.Scheme != uri.Scheme || other.Authority != uri.Authority)
            throw new DomainException("invalid_landing_url", "landing_url must be an absolute http or https URL, without macros in its scheme or host.");
        return url.Trim();
    }
}
