using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Tracking.Infrastructure;

/// <summary>The <c>Tracking</c> configuration section (SPEC 8; env form <c>Tracking__...</c>).</summary>
public sealed class TrackingOptions
{
    public const string Section = "Tracking";

    /// <summary>
    /// The section as configured, for the only choices taken while services are registered, before the container and
    /// <c>IOptions</c> exist: the bus transport and whether the API hosts the worker. Nothing else reads it: services
    /// inject <c>IOptions&lt;TrackingOptions&gt;</c>, bound once and validated at start (which also reports these two).
    /// </summary>
    public static TrackingOptions ForRegistration(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<TrackingOptions>() ?? new();

    /// <summary>The management API key; when unset, one is generated on first start and printed once.</summary>
    public string? AdminApiKey { get; set; }
    /// <summary>On an empty database, the first start creates a demo advertiser, offer and affiliate.</summary>
    public bool SeedDemo { get; set; } = true;
    /// <summary>The address advertisers paste (behind a proxy the request's own host is not it); unset: the request's.</summary>
    public string? PublicBaseUrl { get; set; }
    /// <summary>
    /// Issue 12.1: the reverse proxies (addresses or CIDR ranges) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
    /// are believed; empty (the default): the client address is the socket's and those headers are ignored.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
    public DatabaseOptions Database { get; set; } = new();
    public BusOptions Bus { get; set; } = new();
    public WorkerOptions Worker { get; set; } = new();
    public IngressOptions Ingress { get; set; } = new();
    public ForwardingOptions Forwarding { get; set; } = new();
    public Retention.RetentionOptions Retention { get; set; } = new();
    public RateLimitOptions RateLimits { get; set; } = new();
    public RequestLimitOptions Requests { get; set; } = new();

    /// <summary>Whether the hosting API runs the worker too (SPEC 8: by default only with the in-memory transport).</summary>
    public bool WorkerInsideApi => Worker.Enabled ?? Bus.Transport == BusOptions.InMemory;

    /// <summary>
    /// <c>Worker:ConcurrentMessageLimit</c>, or its default for the provider: on PostgreSQL two messages at once decided
    /// 1,936–2,383 conversions/s on the 2-core topology against 1,667–1,820 with one, with a far smaller backlog
    /// (docs/benchmarks.md, "Messages decided at once on PostgreSQL").
    /// </summary>
    public int HitsConcurrency => Worker.ConcurrentMessageLimit ?? (Database.Provider == Persistence.DatabaseProvider.Sqlite ? 1 : 2);
}

public sealed class DatabaseOptions
{
    [AllowedValues("Sqlite", "Postgres", "SqlServer", ErrorMessage = "must be Sqlite, Postgres or SqlServer.")]
    public string Provider { get; set; } = "Sqlite";
    /// <summary>Apply migrations at start; operators who migrate separately turn it off.</summary>
    public bool MigrateOnStart { get; set; } = true;
    /// <summary>
    /// SQLite: how often a passive checkpoint copies the write-ahead log into the database, off the writers' path
    /// (<c>SqliteCheckpointer</c>); the writers never checkpoint themselves.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(250);
    /// <summary>
    /// SQLite: once the write-ahead log holds this many frames (pages, 4 KiB each), the checkpointer restarts it, briefly
    /// holding the writers back; a passive checkpoint alone never restarts a log whose readers always overlap its writers
    /// (decision 0020, addendum). 0 turns it off.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int WalRestartFrames { get; set; } = 16_384;
    /// <summary>SQLite: how long a restart waits for the write lock and for readers of the log to finish before it gives up until the next tick.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan WalRestartWait { get; set; } = TimeSpan.FromMilliseconds(100);
}

public sealed class BusOptions
{
    public const string InMemory = "InMemory";
    public const string RabbitMq = "RabbitMq";

    /// <summary><c>InMemory</c>: the embedded default, one process; <c>RabbitMq</c>: API and workers apart (<c>ConnectionStrings:RabbitMq</c>).</summary>
    [AllowedValues(InMemory, RabbitMq)]
    public string Transport { get; set; } = InMemory;
    /// <summary>Declare the receive queues as quorum queues (replicated, durable); off only for brokers older than 3.8.</summary>
    public bool QuorumQueues { get; set; } = true;
    /// <summary>How long a publish waits for the broker's confirm before it counts as failed and is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Most committed hit ids an API holds for publishing (about 100 bytes each); beyond, batches are left to the relay.</summary>
    [Range(1, 10_000_000)]
    public int PublishBacklog { get; set; } = 100_000;
    /// <summary>
    /// How long committed hits may wait to fill one of the worker's chunks before they are published anyway (zero: published
    /// as committed, merged only while publishing lags). Adds at most this much to a hit's time to its outcome under light
    /// load, none under load.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan PublishLinger { get; set; } = TimeSpan.FromMilliseconds(20);
}

public sealed class WorkerOptions
{
    /// <summary>Run the worker inside the API process; unset: yes with the in-memory transport, no with RabbitMQ.</summary>
    public bool? Enabled { get; set; }
    /// <summary>
    /// <c>HitsRecorded</c> messages decided at once per worker process; unset: 1 on SQLite (one writer: more only queues at
    /// its lock), 2 on PostgreSQL and SQL Server, where a worker deciding one message at a time waits on its round trips
    /// (issue 13: see <see cref="TrackingOptions.HitsConcurrency"/>).
    /// </summary>
    [Range(1, 64)]
    public int? ConcurrentMessageLimit { get; set; }
    /// <summary>Messages the broker hands a worker ahead of time (RabbitMQ); each holds up to <c>Ingress:MaxBatch</c> hit ids.</summary>
    [Range(1, 1000)]
    public int PrefetchCount { get; set; } = 8;
    /// <summary>How long a message is retried in the worker while the database is unreachable, before it goes to the error queue.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DatabaseRetryFor { get; set; } = TimeSpan.FromMinutes(10);
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReconcileEvery { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How often the worker approves held conversions whose hold period is over (issue 11.4).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan HoldEvery { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>An undecided hit older than this is published again (the hit log is the outbox).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan RelayAfter { get; set; } = TimeSpan.FromMinutes(2);
}

public sealed class IngressOptions
{
    /// <summary>Most hits and clicks committed in one transaction of the ingress log.</summary>
    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 1000;
    /// <summary>How many writes may wait for the ingress log; one more is refused at once as unavailable.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 100_000;
    /// <summary>How long a hit waits for its commit before its request is answered 503 <c>unavailable</c> (a pixel: its GIF).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan AcceptTimeout { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>The <c>Retry-After</c> of a 503 <c>unavailable</c> answer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>
    /// SQLite with the worker inside the API: most undecided hits in the table before the ingress log stops moving staged
    /// hits to the worker, and then, once its staging file holds a few of the worker's chunks more, stops accepting
    /// (decision 0023). 0: no bound. The default is some 10 s of the worker's pace on the reference machine.
    /// </summary>
    [Range(0, 10_000_000)]
    public int MaxUndecided { get; set; } = 20_000;
}
