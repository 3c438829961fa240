using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Topology;

/// <summary>
/// Issue 12.5: the API loses its broker (a proxy between them refuses and drops connections) under a flood of postbacks.
/// Acceptance does not depend on the broker: every postback is still answered 200 once committed. The committed hit ids
/// the API holds for publishing stop at <c>Bus:PublishBacklog</c>, the rest is left to the relay, so memory stays
/// bounded; once the broker is back, every acknowledged postback is decided exactly once without anyone's help.
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class BrokerBackpressureTests(PostgresServer postgres, RabbitMqServer rabbit, ITestOutputHelper output)
{
    /// <summary>Measured peak RSS of the API process in these runs (see docs/reliability.md), with room for a noisy machine.</summary>
    private const long MemoryCeilingMiB = 400;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcceptanceGoesOnWithinBoundedMemoryWhileTheBrokerIsDownAndEverythingIsDecidedAfter()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var broker = new Uri(await rabbit.CreateVirtualHostAsync());
        await using var proxy = TcpProxy.Start(broker.Host, broker.Port);
        var folder = Directory.CreateTempSubdirectory("tracking-backpressure-").FullName;
        await using var api = HostProcess.Start(Path.Combine(folder, "unused.db"), TrackingApp.AdminKey, new Dictionary<string, string>
        {
            ["Tracking__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Tracking"] = database.ConnectionString,
            ["Tracking__Bus__Transport"] = "RabbitMq",
            ["ConnectionStrings__RabbitMq"] = new UriBuilder(broker) { Port = proxy.Port }.Uri.ToString(),
            ["Tracking__Bus__PublishTimeout"] = "00:00:02",
            ["Tracking__Bus__PublishBacklog"] = "500",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await api.WaitReadyAsync();
        await using var worker = HostProcess.Worker("worker", new Dictionary<string, string>
        {
            ["Tracking__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Tracking"] = database.ConnectionString,
            ["Tracking__Bus__Transport"] = "RabbitMq",
            ["ConnectionStrings__RabbitMq"] = broker.ToString(),
            ["Tracking__Worker__RelayAfter"] = "00:00:05",
        });
        var token = await PostbackTokens.ReadAsync(api.Url, TrackingApp.AdminKey);
        var s = new Seeded(1, token, 1, 1);
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = api.Url };
        var clicks = new List<string>();
        for (var i = 0; i < 10; i++) clicks.Add((await client.ClickAsync(s)).ClickId);
        await Task.Delay(500, Ct);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var flood = Flood.Start(client, s, clicks, senders: 8, api.Id, stop.Token);
        await Eventually.Until(() => Ledger.ScalarAsync(database.ConnectionString, "SELECT count(*) FROM hits WHERE decided_at IS NOT NULL"),
            n => n > 100, TimeSpan.FromSeconds(60), "the worker to decide hits");
        var before = Flood.RssMiB(api.Id);
        var down = flood.Elapsed;
        proxy.Cut();
        await Task.Delay(TimeSpan.FromSeconds(12), Ct);
        var up = flood.Elapsed;
        var peak = flood.PeakRssMiB;
        proxy.Restore();
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        await stop.CancelAsync();
        await flood.Completion;

        var during = flood.Answers.Where(a => a.Kind == "postback" && a.SentAt > down && a.SentAt + a.Took < up).ToList();
        output.WriteLine($"RSS {before} MiB before, peak {peak} MiB; {during.Count} postbacks during the outage, " +
            $"{during.Count(a => a.Status == 200)} answered 200; {flood.Acknowledged.Count} acknowledged in all");
        Assert.True(during.Count > 100, $"only {during.Count} postbacks during the outage");
        Assert.All(during, a => Assert.Equal(200, a.Status));
        Assert.Contains("further batches are left to the relay", api.Output);
        Assert.True(peak <= MemoryCeilingMiB, $"the API's memory peaked at {peak} MiB during the outage (ceiling {MemoryCeilingMiB} MiB)");

        await Ledger.WaitAllDecidedAsync(database.ConnectionString, TimeSpan.FromSeconds(180));
        var ledger = await Ledger.AssertExactlyOnceAsync(database.ConnectionString, flood.Acknowledged);
        output.WriteLine($"ledger: {ledger}");
    }
}
