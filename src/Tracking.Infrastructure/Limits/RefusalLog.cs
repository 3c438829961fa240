using Microsoft.Extensions.Options;
using Tracking.Domain.Common;

namespace Tracking.Infrastructure.Limits;

/// <summary>
/// The requests refused by a rate limit since the last flush, counted in memory per minute, endpoint and partition with the
/// first one kept as a sample; <see cref="RefusalFlush"/> writes them to <c>refused_requests</c>. At most
/// <c>MaxPartitionsPerMinute</c> partitions of an endpoint are kept apart in a minute: a flood from many addresses adds
/// to <see cref="Other"/> instead of growing the table.
/// </summary>
public sealed class RefusalLog(TimeProvider time, IOptions<TrackingOptions> options, TrackingMetrics metrics)
{
    public const string Other = "other";
    private readonly Lock _lock = new();
    private readonly int _maxPartitions = options.Value.RateLimits.MaxPartitionsPerMinute;
    private Dictionary<(DateTime Minute, string Endpoint, string Partition), Entry> _entries = [];
    private readonly Dictionary<(DateTime Minute, string Endpoint), HashSet<string>> _partitions = [];

    /// <summary>A refused request; <paramref name="sample"/> is read only for the first of its row.</summary>
    public void Refused(string endpoint, string partition, Func<Sample> sample)
    {
        metrics.RateLimited(endpoint);
        var now = time.GetUtcNow().UtcDateTime;
        var minute = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        lock (_lock)
        {
            var seen = Partitions(minute, endpoint);
            if (!seen.Contains(partition) && !(seen.Count < _maxPartitions && seen.Add(partition))) partition = Other;
            if (_entries.TryGetValue((minute, endpoint, partition), out var entry)) entry.Count++;
            else _entries[(minute, endpoint, partition)] = new Entry(sample()) { Count = 1 };
        }
    }

    /// <summary>The counts since the last call, as rows to insert.</summary>
    public IReadOnlyList<RefusedRequest> Drain()
    {
        Dictionary<(DateTime Minute, string Endpoint, string Partition), Entry> drained;
        lock (_lock)
        {
            if (_entries.Count == 0) return [];
            (drained, _entries) = (_entries, []);
            var current = time.GetUtcNow().UtcDateTime.AddMinutes(-1);
            foreach (var old in _partitions.Keys.Where(k => k.Minute < current).ToList()) _partitions.Remove(old);
        }
        return [.. drained.Select(e => new RefusedRequest(e.Key.Minute, e.Key.Endpoint, e.Key.Partition, e.Value.Count,
            e.Value.Sample.Url, e.Value.Sample.Address, e.Value.Sample.UserAgent))];
    }

    private HashSet<string> Partitions(DateTime minute, string endpoint)
    {
        if (!_partitions.TryGetValue((minute, endpoint), out var seen)) _partitions[(minute, endpoint)] = seen = [];
        return seen;
    }

    /// <summary>The first refused request of a row, cut to the column sizes.</summary>
    public sealed record Sample(string Url, string? Address, string? UserAgent)
    {
        public static Sample Of(string url, string? address, string? userAgent) =>
            new(Cut(url, RefusedRequest.UrlLength)!, address, Cut(userAgent, RefusedRequest.UserAgentLength));

        private static string? Cut(string? s, int length) => s is { } v && v.Length > length ? v[..length] : s;
    }

    private sealed class Entry(Sample sample)
    {
        public Sample Sample { get; } = sample;
        public long Count { get; set; }
    }
}
