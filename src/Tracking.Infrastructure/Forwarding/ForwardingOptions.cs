using System.ComponentModel.DataAnnotations;
using Tracking.Domain.Forwarding;

namespace Tracking.Infrastructure;

/// <summary><c>Tracking:Forwarding</c>: outbound postbacks to affiliates (SPEC 5), read by the worker.</summary>
public sealed class ForwardingOptions
{
    /// <summary>Run the delivery dispatcher in this worker (deliveries are still planned when it is off).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Requests in flight at once, over all partners.</summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 64;
    /// <summary>Requests in flight and open connections per partner host, so one slow partner cannot take every slot.</summary>
    [Range(1, 256)]
    public int ConnectionsPerHost { get; set; } = 8;
    /// <summary>How often an idle dispatcher looks for due deliveries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>First retry delay; it doubles per attempt up to <see cref="MaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Retries end, and the delivery fails, this long after its first attempt (or its replay or resumption).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(72);
    /// <summary>Consecutive failed attempts after which a template pauses itself.</summary>
    [Range(1, 1000)]
    public int PauseAfter { get; set; } = 10;
    /// <summary>A conversion still waiting for its deliveries to be planned after this long is published again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepAfter { get; set; } = TimeSpan.FromMinutes(1);

    public RetrySchedule Schedule => new(BaseDelay, MaxDelay, MaxAge);
    /// <summary>How long a claimed delivery is reserved for one dispatcher: well beyond one request with its timeout.</summary>
    public TimeSpan Lease => Timeout * 3 + TimeSpan.FromSeconds(30);
}
