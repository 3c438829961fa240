namespace Chaos;

/// <summary>
/// The production topology under test: one API (its worker off) and two standalone workers on the suite's PostgreSQL and
/// RabbitMQ, started from the published hosts. Settings that differ from the defaults, and why: retries of deliveries
/// start at 1 s (not 30 s) and templates pause after 1,000 failures (not 10), so that a partner's outage of a few
/// seconds recovers within the run by itself; the relay looks after 30 s (not 2 min). A shorter relay delay than the
/// workers' lag under load would republish hits still queued and slow the workers down further. The forwarding sweep
/// publishes again a conversion whose planning message was lost (a publish cut by the broker's kill) after 10 s (not
/// 1 min), so that its deliveries are part of the fault's recovery.
/// </summary>
public sealed class Cluster(Settings settings, string database, string broker)
{
    private volatile bool _stopping;

    public Uri ApiUrl { get; } = new($"http://127.0.0.1:{settings.ApiPort}");
    public HostProcess Api { get; private set; } = null!;
    public List<HostProcess> Workers { get; } = [];

    public IEnumerable<HostProcess> All => Workers.Prepend(Api);

    public void Start()
    {
        Api = new HostProcess("api", Path.Combine(settings.ApiDir, "Tracking.Api.dll"), Environment(new()
        {
            ["Tracking__Worker__Enabled"] = "false",
            ["Tracking__SeedDemo"] = "true",
        }), ApiUrl.ToString().TrimEnd('/'), settings.Out);
        Api.Start();
        for (var i = 1; i <= 2; i++)
        {
            var worker = new HostProcess($"worker {i}", Path.Combine(settings.WorkerDir, "Tracking.Worker.dll"), Environment(new()
            {
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Tracking__Worker__RelayAfter"] = "00:00:30",
                ["Tracking__Forwarding__BaseDelay"] = "00:00:01",
                ["Tracking__Forwarding__MaxDelay"] = "00:00:05",
                ["Tracking__Forwarding__Timeout"] = "00:00:05",
                ["Tracking__Forwarding__PauseAfter"] = "1000",
                ["Tracking__Forwarding__SweepAfter"] = "00:00:10",
            }), null, settings.Out);
            Workers.Add(worker);
        }
    }

    /// <summary>Starts the workers (once the API has migrated the database).</summary>
    public void StartWorkers()
    {
        foreach (var worker in Workers) worker.Start();
    }

    /// <summary>A process that exited by itself is started again, as its supervisor would; returns the names of those.</summary>
    public List<string> Supervise()
    {
        if (_stopping) return [];
        var restarted = All.Where(h => h.Crashed).ToList();
        foreach (var host in restarted) host.Start();
        return restarted.Select(h => h.Name).ToList();
    }

    public void Stop()
    {
        _stopping = true;
        foreach (var host in All) host.Stop();
    }

    public void Kill()
    {
        _stopping = true;
        foreach (var host in All.Where(h => h is not null)) host.Kill();
    }

    private Dictionary<string, string> Environment(Dictionary<string, string> own)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
            ["Tracking__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Tracking"] = database,
            ["Tracking__Bus__Transport"] = "RabbitMq",
            ["ConnectionStrings__RabbitMq"] = broker,
            ["Tracking__AdminApiKey"] = settings.AdminKey,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Tracking"] = "Information",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            // Two workers racing over one order's hits meet unique-key conflicts that are retried (decision 0007); EF logs
            // each as an error, and tens of thousands of such lines cost the run's CPU.
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Critical",
        };
        foreach (var (key, value) in own) environment[key] = value;
        return environment;
    }
}
