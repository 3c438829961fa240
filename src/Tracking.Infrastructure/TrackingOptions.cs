using System.ComponentModel.DataAnnotations;

namespace Tracking.Infrastructure;

/// <summary>The <c>Tracking</c> configuration section (SPEC 8; env form <c>Tracking__...</c>).</summary>
public sealed class TrackingOptions
{
    public const string Section = "Tracking";

    /// <summary>The management API key; when unset, one is generated on first start and printed once.</summary>
    public string? AdminApiKey { get; set; }
    public DatabaseOptions Database { get; set; } = new();
    public BusOptions Bus { get; set; } = new();
    public WorkerOptions Worker { get; set; } = new();
    public IngressOptions Ingress { get; set; } = new();
    public ForwardingOptions Forwarding { get; set; } = new();
}

public sealed class DatabaseOptions
{
    [AllowedValues("Sqlite", "Postgres", "SqlServer", ErrorMessage = "must be Sqlite, Postgres or SqlServer.")]
    public string Provider { get; set; } = "Sqlite";
    /// <summary>Apply migrations at start; operators who migrate separately turn it off.</summary>
    public bool MigrateOnStart { get; set; } = true;
}

public sealed class BusOptions
{
    [AllowedValues("InMemory")]
    public string Transport { get; set; } = "InMemory";
}

public sealed class WorkerOptions
{
    /// <summary>Run the worker inside the API process (the embedded default).</summary>
    public bool Enabled { get; set; } = true;
    [Range(1, 64)]
    public int ConcurrentMessageLimit { get; set; } = 1;
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReconcileEvery { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>An undecided hit older than this is published again (the hit log is the outbox).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan RelayAfter { get; set; } = TimeSpan.FromMinutes(2);
}

public sealed class IngressOptions
{
    /// <summary>Most hits and clicks committed in one transaction of the ingress log.</summary>
    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 1000;
    /// <summary>How many writes may wait for the ingress log before callers wait too.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 100_000;
}
