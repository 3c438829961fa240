using Npgsql;
using Tracking.IntegrationTests.Servers;

namespace Tracking.IntegrationTests.Support;

/// <summary>
/// The product as deployed apart (SPEC 8): the API in this process (<see cref="TrackingApp"/> with its worker disabled)
/// and standalone workers as child processes, over RabbitMQ and PostgreSQL, with a database and a virtual host of the
/// test's own. Disposing kills the workers, prints the end of their output, and drops the database.
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    private readonly List<HostProcess> _workers = [];
    private readonly RabbitMqServer _rabbit;
    private readonly ITestOutputHelper _output;

    private Deployment(TrackingApp api, string broker, RabbitMqServer rabbit, ITestOutputHelper output) =>
        (Api, Broker, _rabbit, _output) = (api, broker, rabbit, output);

    public TrackingApp Api { get; }
    /// <summary>The broker address with the test's virtual host.</summary>
    public string Broker { get; }
    public string VirtualHost => new Uri(Broker).AbsolutePath.Trim('/');
    public string Database => Api.ConnectionString;

    /// <summary>An API with its worker disabled on the RabbitMQ transport; <paramref name="settings"/> are added to it.</summary>
    public static async Task<Deployment> StartAsync(PostgresServer postgres, RabbitMqServer rabbit, ITestOutputHelper output,
        params (string Key, string Value)[] settings)
    {
        var broker = await rabbit.CreateVirtualHostAsync();
        var api = await TrackingApp.OnPostgresAsync(postgres);
        api.With("Tracking:Bus:Transport", "RabbitMq").With("ConnectionStrings:RabbitMq", broker).With("Tracking:Worker:Enabled", "false")
            .With("Tracking:Bus:PublishTimeout", "00:00:02");
        foreach (var (key, value) in settings) api.With(key, value);
        return new Deployment(api, broker, rabbit, output);
    }

    /// <summary>The environment of a standalone worker on this topology (its database may go through a proxy).</summary>
    public Dictionary<string, string> WorkerEnvironment(string? database = null) => new()
    {
        ["Tracking__Database__Provider"] = "Postgres",
        ["ConnectionStrings__Tracking"] = database ?? Database,
        ["Tracking__Bus__Transport"] = "RabbitMq",
        ["ConnectionStrings__RabbitMq"] = Broker,
        ["Tracking__AdminApiKey"] = TrackingApp.AdminKey,
        ["Tracking__Worker__RelayAfter"] = "00:00:05",
    };

    /// <summary>Starts one more standalone worker (call after the API started, so the schema is there).</summary>
    public HostProcess StartWorker(Dictionary<string, string>? environment = null)
    {
        var worker = HostProcess.Worker($"worker {_workers.Count + 1}", environment ?? WorkerEnvironment());
        _workers.Add(worker);
        return worker;
    }

    /// <summary>Waits until a worker decided something: it is up, connected to the broker and to the database.</summary>
    public Task WaitUntilDecidingAsync() =>
        Eventually.Until(() => Ledger.ScalarAsync(Database, "SELECT count(*) FROM hits WHERE decided_at IS NOT NULL"), n => n > 0,
            TimeSpan.FromSeconds(60), "a worker to decide hits");

    /// <summary>The database's connection string through <paramref name="proxy"/>.</summary>
    public string DatabaseThrough(TcpProxy proxy) =>
        new NpgsqlConnectionStringBuilder(Database) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 }.ConnectionString;

    public static (string Host, int Port) Endpoint(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return (builder.Host!, builder.Port);
    }

    /// <summary>The virtual host's queues as <c>name → (type, messages)</c>, from rabbitmqctl.</summary>
    public async Task<Dictionary<string, (string Type, long Messages)>> QueuesAsync()
    {
        var table = await _rabbit.CtlAsync("list_queues", "-q", "-p", VirtualHost, "name", "type", "messages");
        return table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(cols => cols.Length == 3 && long.TryParse(cols[2], out _))
            .ToDictionary(cols => cols[0], cols => (cols[1], long.Parse(cols[2])));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            var exited = worker.Stop();
            // The end of its log without stack frames; how many retries and faults MassTransit logged.
            var log = Path.Combine(Path.GetTempPath(), $"tracking-{VirtualHost}-{worker.Name.Replace(' ', '-')}.log");
            await File.WriteAllTextAsync(log, worker.Output);
            var lines = worker.Output.Split('\n');
            var tail = lines.Where(l => !l.TrimStart().StartsWith("at ") && !l.TrimStart().StartsWith("---")).TakeLast(20);
            _output.WriteLine($"--- {worker.Name}: had exited: {exited}, {lines.Count(l => l.Contains("R-RETRY"))} retries logged, " +
                $"{lines.Count(l => l.Contains("R-FAULT"))} faults logged; whole log in {log}; last lines ---\n{string.Join('\n', tail)}");
            await worker.DisposeAsync();
        }
        await Api.DisposeAsync();
        try
        {
            await _rabbit.CtlAsync("delete_vhost", VirtualHost);
        }
        catch (InvalidOperationException ex)
        {
            _output.WriteLine($"vhost {VirtualHost} not deleted: {ex.Message}");
        }
    }
}
