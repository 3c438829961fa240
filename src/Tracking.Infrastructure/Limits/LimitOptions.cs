using System.ComponentModel.DataAnnotations;

namespace Tracking.Infrastructure;

/// <summary>
/// <c>Tracking:RateLimits</c>: how many requests one partition may send per window, per process (docs/deployment.md,
/// "Rate limits"; decision 0016). Clicks and pixels are counted per client address, postbacks per advertiser, <c>/api</c>
/// per API key. The defaults are far above what a person or an advertiser's server sends: they stop a runaway script or a
/// flood from taking the whole process, not ordinary traffic.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Clicks (<c>/c/{offer}</c>) per client address.</summary>
    public RateLimit Clicks { get; set; } = new() { Permits = 1_000 };
    /// <summary>Image, iframe and JavaScript pixels (<c>/p/...</c>, <c>/p/collect</c>) together, per client address.</summary>
    public RateLimit Pixels { get; set; } = new() { Permits = 2_000 };
    /// <summary>Postbacks per advertiser (the click id's offer's); without a click id in the URL, per client address.</summary>
    public RateLimit Postbacks { get; set; } = new() { Permits = 5_000 };
    /// <summary><c>/api</c> per API key; a request without a valid key per client address.</summary>
    public RateLimit Api { get; set; } = new() { Permits = 1_000 };
    /// <summary>How often the counts of refused requests are written to <c>refused_requests</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan FlushEvery { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Partitions (addresses, advertisers, keys) kept apart per minute and endpoint; the rest are counted as <c>other</c>.</summary>
    [Range(1, 10_000)]
    public int MaxPartitionsPerMinute { get; set; } = 100;
    /// <summary>How long the counts of refused requests are kept.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>A fixed window: at most <see cref="Permits"/> requests per <see cref="Window"/> and partition; 0 permits turns it off.</summary>
public sealed class RateLimit
{
    [Range(0, 10_000_000)]
    public int Permits { get; set; }
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    public bool Enabled => Permits > 0;
}

/// <summary>
/// <c>Tracking:Requests</c>: Kestrel's limits on one request and connection (decision 0016); the reasons for each default
/// are in <c>RequestLimits.Apply</c> and docs/deployment.md, "Request limits".
/// </summary>
public sealed class RequestLimitOptions
{
    [Range(8, 1_000)]
    public int MaxHeaderCount { get; set; } = 100;
    [Range(4 * 1024, 1024 * 1024)]
    public int MaxHeadersTotalSize { get; set; } = 32 * 1024;
    /// <summary>Any body, unless its endpoint sets its own (the reconciliation upload: 256 MiB).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxBodySize { get; set; } = 1024 * 1024;
    /// <summary>A body slower than this (after <see cref="MinBodyRateGrace"/>) ends its connection with 408.</summary>
    [Range(0, 1_000_000)]
    public double MinBodyBytesPerSecond { get; set; } = 240;
    /// <summary>More than a second: Kestrel measures the rate on its one-second heartbeat.</summary>
    [Range(typeof(TimeSpan), "00:00:01.100", "00:10:00")]
    public TimeSpan MinBodyRateGrace { get; set; } = TimeSpan.FromSeconds(5);
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(130);
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Open connections at once; 0: no limit (the process's file descriptor limit is then the bound).</summary>
    [Range(0, 10_000_000)]
    public long MaxConnections { get; set; } = 10_000;
}
