using System.Globalization;
using Microsoft.Net.Http.Headers;
using Tracking.Api.Http;
using Tracking.Domain.Common;

namespace Tracking.Api.Limits;

/// <summary>The answers over a limit that several endpoints share; each endpoint names its own in <see cref="RateLimits.LimitedBy"/>.</summary>
public static class OverLimit
{
    /// <summary>429 problem details with reason <c>rate_limited</c> and <c>Retry-After</c>: postbacks and <c>/api</c>.</summary>
    public static Task Problem(HttpContext http, int seconds)
    {
        RetryAfter(http, seconds);
        return Problems.For(Reasons.RateLimited, $"Too many requests; send again in {seconds} s.").ExecuteAsync(http);
    }

    public static void RetryAfter(HttpContext http, int seconds) =>
        http.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
}
