using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Limits;

namespace Tracking.Api.Limits;

/// <summary>
/// Rate limits with ASP.NET Core's rate limiter (decision 0016): one fixed-window policy per kind of traffic, partitioned by
/// <see cref="LimitKeys"/>, each endpoint answering over its limit in its own way (<see cref="Limited"/>). The limits are per
/// process; refused requests are counted, not logged as hits (<see cref="RefusalLog"/>).
/// </summary>
public static class RateLimits
{
    public const string Clicks = "clicks";
    public const string Pixels = "pixels";
    public const string Postbacks = "postbacks";
    public const string Api = "api";

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<RefusalLog>();
        services.AddHostedService<RefusalFlush>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<TrackingOptions>, RefusalLog>((o, tracking, log) =>
        {
            var limits = tracking.Value.RateLimits;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Clicks, new LimitPolicy(limits.Clicks, log));
            o.AddPolicy(Pixels, new LimitPolicy(limits.Pixels, log));
            o.AddPolicy(Postbacks, new LimitPolicy(limits.Postbacks, log));
            o.AddPolicy(Api, new LimitPolicy(limits.Api, log));
        });
        return services;
    }

    /// <summary>Finds each limited request's partition (it may need the catalog or the API key), then limits it.</summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app) =>
        app.UseMiddleware<LimitKeys>().UseRateLimiter();

    /// <summary>
    /// Limits an endpoint (or a group) by <paramref name="policy"/>, counting its refusals as <paramref name="endpoint"/> and
    /// answering them with <paramref name="answer"/> (given the seconds to wait).
    /// </summary>
    public static TBuilder LimitedBy<TBuilder>(this TBuilder builder, string policy, string endpoint, Func<HttpContext, int, Task> answer)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Limited(policy, endpoint, answer)).RequireRateLimiting(policy);
}

/// <summary>An endpoint's rate limit: its policy, its name among refusals, and its answer over the limit.</summary>
public sealed record Limited(string Policy, string Endpoint, Func<HttpContext, int, Task> Answer);
