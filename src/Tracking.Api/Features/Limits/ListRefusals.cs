using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Domain.Catalog;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Limits;

/// <summary>
/// Requests refused by a rate limit, per minute, endpoint and partition, newest minute first, with the totals per endpoint
/// over the whole range and the limits in force in this process. The cursor is the page's last minute, endpoint and partition.
/// </summary>
public sealed record ListRefusals(string? Endpoint, string? From, string? To, PageRequest Page) : IQuery<RefusalsPage>;

public sealed class ListRefusalsHandler(TrackingDbContext db, Caller caller, IOptions<TrackingOptions> options)
    : IQueryHandler<ListRefusals, RefusalsPage>
{
    public const string InvalidEndpoint = "invalid_endpoint";
    public static readonly string[] Endpoints = ["click", "pixel", "collect", "postback", "api"];

    public async ValueTask<RefusalsPage> Handle(ListRefusals query, CancellationToken ct)
    {
        caller.Require(Scope.AdminOnly);
        var rows = Filter(query);
        var totals = await rows.GroupBy(r => r.Endpoint).Select(g => new { g.Key, Count = g.Sum(r => r.Count) }).ToListAsync(ct);
        if (Cursor(query.Page.Cursor) is var (minute, endpoint, partition))
            rows = rows.Where(r => r.Minute < minute || (r.Minute == minute
                && (string.Compare(r.Endpoint, endpoint) > 0 || (r.Endpoint == endpoint && string.Compare(r.Partition, partition) > 0))));
        var groups = await rows.GroupBy(r => new { r.Minute, r.Endpoint, r.Partition })
            .OrderByDescending(g => g.Key.Minute).ThenBy(g => g.Key.Endpoint).ThenBy(g => g.Key.Partition)
            .Take(query.Page.Limit + 1)
            .Select(g => new RefusalDto(g.Key.Minute, g.Key.Endpoint, g.Key.Partition, g.Sum(r => r.Count),
                g.Min(r => r.SampleUrl)!, g.Min(r => r.SampleAddress), g.Min(r => r.SampleUserAgent)))
            .ToListAsync(ct);
        var page = query.Page.ToPage(groups, r => $"{r.Minute.Ticks.ToString(CultureInfo.InvariantCulture)}~{r.Endpoint}~{r.Partition}");
        return new RefusalsPage(page.Items, page.NextCursor, totals.ToDictionary(t => t.Key, t => t.Count), LimitDto.Of(options.Value.RateLimits));
    }

    private IQueryable<Infrastructure.Limits.RefusedRequest> Filter(ListRefusals query)
    {
        var rows = db.RefusedRequests.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Endpoint))
        {
            var endpoint = query.Endpoint.Trim().ToLowerInvariant();
            if (!Endpoints.Contains(endpoint))
                throw new DomainException(InvalidEndpoint, $"endpoint is one of {string.Join(", ", Endpoints)}.");
            rows = rows.Where(r => r.Endpoint == endpoint);
        }
        var (from, to) = QueryValues.Range(query.From, query.To, TimeZoneInfo.Utc);
        if (from is { } start) rows = rows.Where(r => r.Minute >= start);
        if (to is { } end) rows = rows.Where(r => r.Minute < end);
        return rows;
    }

    private static (DateTime, string, string)? Cursor(string? cursor)
    {
        if (cursor is null) return null;
        var parts = cursor.Split('~', 3);
        if (parts.Length == 3 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks)
            return (new DateTime(ticks, DateTimeKind.Utc), parts[1], parts[2]);
        throw new DomainException(PageRequest.InvalidCursor, "cursor is not one this API returned.");
    }
}

/// <summary>Requests refused in one minute at one endpoint from one partition, with a sample of them.</summary>
public sealed record RefusalDto(DateTime Minute, string Endpoint, string Partition, long Count, string SampleUrl, string? SampleAddress,
    string? SampleUserAgent);

/// <summary>A page of refusals, the totals per endpoint over the range, and the limits in force (per process).</summary>
public sealed record RefusalsPage(IReadOnlyList<RefusalDto> Items, string? NextCursor, IReadOnlyDictionary<string, long> Totals,
    IReadOnlyList<LimitDto> Limits);

/// <summary>One limit in force: <c>permits</c> per <c>window_seconds</c> and partition (<c>per</c>); 0 permits: off.</summary>
public sealed record LimitDto(string Name, int Permits, double WindowSeconds, string Per)
{
    public static IReadOnlyList<LimitDto> Of(RateLimitOptions o) =>
    [
        new("clicks", o.Clicks.Permits, o.Clicks.Window.TotalSeconds, "address"),
        new("pixels", o.Pixels.Permits, o.Pixels.Window.TotalSeconds, "address"),
        new("postbacks", o.Postbacks.Permits, o.Postbacks.Window.TotalSeconds, "advertiser"),
        new("api", o.Api.Permits, o.Api.Window.TotalSeconds, "key"),
    ];
}
