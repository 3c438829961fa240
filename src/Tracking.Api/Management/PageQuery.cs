using System.Globalization;
using Tracking.Domain.Catalog;

namespace Tracking.Api.Management;

public static class PageQuery
{
    /// <summary>
    /// <see cref="PageRequest"/> from the raw query values, so that <c>limit=abc</c> is a 400 with <c>invalid_limit</c>
    /// rather than a binding failure without a reason.
    /// </summary>
    public static PageRequest From(string? limit, string? cursor)
    {
        if (string.IsNullOrEmpty(limit)) return PageRequest.From(null, cursor);
        if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw new DomainException("invalid_limit", $"limit is 1 to {PageRequest.MaxLimit}.");
        return PageRequest.From(n, cursor);
    }
}
