using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Topology;

/// <summary>
/// The worker's database is unreachable for a while (a proxy between them refuses and drops connections) while the API
/// keeps accepting: the messages wait, retried, and are decided once the database is back; none goes to the error queue.
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class DatabaseOutageTests(PostgresServer postgres, RabbitMqServer rabbit, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MessagesWaitOutADatabaseOutageAndAreDecidedOnceItIsBack()
    {
        await using var deployment = await Deployment.StartAsync(postgres, rabbit, output);
        var s = await deployment.Api.OfferAsync();
        var (host, port) = Deployment.Endpoint(deployment.Database);
        await using var proxy = TcpProxy.Start(host, port);
        var environment = deployment.WorkerEnvironment(deployment.DatabaseThrough(proxy));
        // The retries, not the relay, are under test: a relay every few seconds would republish the backlog the outage
        // left in the queue, and the copies would only contend with the originals.
        environment["Tracking__Worker__RelayAfter"] = "00:01:00";
        deployment.StartWorker(environment);
        var client = deployment.Api.Public();
        var clicks = new List<string>();
        for (var i = 0; i < 10; i++) clicks.Add((await client.ClickAsync(s)).ClickId);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var load = Load.Start(client, s, clicks, senders: 2, "D", stop.Token);
        await Eventually.Until(() => Task.FromResult(load.Acknowledged.Count), n => n >= 200, TimeSpan.FromSeconds(60), "a load of acknowledged postbacks");
        await deployment.WaitUntilDecidingAsync(); // A worker that cannot reach its database at start exits instead.
        proxy.Cut();
        await Task.Delay(TimeSpan.FromSeconds(10), Ct);
        var undecided = await Ledger.UndecidedAsync(deployment.Database);
        output.WriteLine($"after 10 s without a database for the worker: {load}; {undecided} hits undecided");
        Assert.True(undecided > 0, "the outage should have left hits waiting");
        proxy.Restore();
        var atRestore = load.Acknowledged.Count;
        await Eventually.Until(() => Task.FromResult(load.Acknowledged.Count), n => n >= atRestore + 100, TimeSpan.FromSeconds(60), "load after the outage");
        await stop.CancelAsync();
        await load.Completion;

        try
        {
            await Ledger.WaitAllDecidedAsync(deployment.Database, TimeSpan.FromSeconds(180));
        }
        finally
        {
            output.WriteLine("queues: " + string.Join(", ", (await deployment.QueuesAsync()).Select(q => $"{q.Key} {q.Value}")));
        }
        var ledger = await Ledger.AssertExactlyOnceAsync(deployment.Database, load.Acknowledged);
        var queues = await deployment.QueuesAsync();
        output.WriteLine($"load: {load}; ledger: {ledger}; queues: {string.Join(", ", queues.Select(q => $"{q.Key} {q.Value}"))}");
        Assert.DoesNotContain(queues, q => q.Key.EndsWith("_error") && q.Value.Messages > 0);
    }
}
