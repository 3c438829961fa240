using Chaos;
using Npgsql;

// The chaos suite (issue 12.7): the production topology under a steady load, one fault after another, then the ledger.
// Started by bench/chaos.sh, which provides the servers and the published hosts. Exits 1 when anything acknowledged was
// lost or doubled, or a fault was not recovered from within the bound.
var settings = Settings.FromEnvironment();
Directory.CreateDirectory(settings.Out);
var database = await CreateDatabaseAsync(settings.PostgresAdmin, "chaos");
var db = new Database(database);
await using var partner = new Partner();
await partner.SetAsync(PartnerMode.Up);
var servers = new Servers(settings.ServicesScript, settings.ServicesDir);
var cluster = new Cluster(settings, database, settings.Broker);
var started = DateTime.UtcNow;
// Stopped by `timeout` (SIGTERM): no process of the run outlives it.
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => cluster.Kill());
AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Kill();
try
{
    cluster.Start();
    var api = new ProductApi(cluster.ApiUrl, settings.AdminKey);
    await api.WaitReadyAsync(TimeSpan.FromSeconds(120));
    cluster.StartWorkers();
    var templateId = await api.AddTemplateAsync(partner.Template);
    var token = await api.PostbackTokenAsync();
    var traffic = new Traffic(cluster.ApiUrl, token, await api.ClicksAsync(50), settings.Pause);
    using var stop = new CancellationTokenSource();
    var load = traffic.RunAsync(settings.Senders, stop.Token);
    var runner = new Runner(settings, cluster, db, traffic);
    Runner.Log("waiting for the workers to decide hits");
    if (await runner.RecoverAsync(DateTime.UtcNow) is null) throw new TimeoutException("The workers never caught up with the load.");

    var phases = Faults.All(cluster, servers, partner, api, db, templateId)
        .Where(p => settings.Faults.Count == 0 || settings.Faults.Contains(p.Key) || p.Key == "none").ToList();
    foreach (var phase in phases) await runner.RunAsync(phase);
    await stop.CancelAsync();
    await load;
    Runner.Log("load stopped; waiting for everything to be decided and delivered");
    var drained = await runner.RecoverAsyncAfterLoad();
    foreach (var phase in phases) await Ledger.FillAsync(phase, db, traffic, partner);

    var header = $"Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {settings.Senders} senders pausing {settings.Pause.TotalMilliseconds:0} ms, faults held {settings.Down.TotalSeconds:0} s, " +
        $"whole run {(DateTime.UtcNow - started).TotalMinutes:0.0} min; {traffic.Acknowledged.Count} postbacks acknowledged in all; " +
        (drained ? "everything drained after the load." : "**the backlog did not drain after the load.**");
    var markdown = Report.Markdown(phases, settings, header);
    await File.WriteAllTextAsync(Path.Combine(settings.Out, "chaos.md"), markdown);
    Console.WriteLine(markdown);
    return phases.Any(p => p.Failed) || !drained ? 1 : 0;
}
finally
{
    cluster.Stop();
}

static async Task<string> CreateDatabaseAsync(string admin, string name)
{
    await using (var connection = new NpgsqlConnection(admin))
    {
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
    }
    return new NpgsqlConnectionStringBuilder(admin) { Database = name, Timeout = 5 }.ConnectionString;
}
