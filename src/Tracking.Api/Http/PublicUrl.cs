using Tracking.Infrastructure;

namespace Tracking.Api.Http;

/// <summary>The base URL advertisers paste: <c>Tracking:PublicBaseUrl</c> behind a proxy, else the request's own scheme and host.</summary>
public static class PublicUrl
{
    public static string Of(HttpRequest request, TrackingOptions options) =>
        options.PublicBaseUrl is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}{request.PathBase}";
}
