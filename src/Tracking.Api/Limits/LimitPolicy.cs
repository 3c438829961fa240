using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Limits;

namespace Tracking.Api.Limits;

/// <summary>
/// A fixed window per partition (or no limiter when the limit is 0). No queueing: a request over the limit is answered at
/// once, by its endpoint's <see cref="Limited.Answer"/>, with the seconds until the window opens again.
/// </summary>
internal sealed partial class LimitPolicy : IRateLimiterPolicy<string>
{
    private readonly RateLimit _limit;
    private readonly RefusalLog _log;
    private readonly Func<string, FixedWindowRateLimiterOptions> _window;

    public LimitPolicy(RateLimit limit, RefusalLog log)
    {
        (_limit, _log) = (limit, log);
        var options = new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit.Permits),
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _window = _ => options;
        OnRejected = RejectAsync;
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; }

    public RateLimitPartition<string> GetPartition(HttpContext http) => _limit.Enabled
        ? RateLimitPartition.GetFixedWindowLimiter(LimitKeys.Of(http), _window)
        : RateLimitPartition.GetNoLimiter("");

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var limited = http.GetEndpoint()?.Metadata.GetMetadata<Limited>();
        _log.Refused(limited?.Endpoint ?? "other", LimitKeys.Of(http), () => RefusalLog.Sample.Of(
            Masked(http.Request.Path + http.Request.QueryString), http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent));
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        var seconds = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 1, int.MaxValue);
        if (limited is not null) await limited.Answer(http, seconds);
    }

    /// <summary>A postback's URL may carry the advertiser's token: the sample keeps the URL, not the token.</summary>
    private static string Masked(string url) => Token().Replace(url, "$1***");

    [GeneratedRegex("([?&]token=)[^&]*", RegexOptions.IgnoreCase)]
    private static partial Regex Token();
}
