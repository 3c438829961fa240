using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Topology;

/// <summary>
/// The broker restarts under load. The API answers 200 once the hit is committed to the database, whether or not the
/// broker took the message (the API retries the publish; the hit log stays the outbox for the relay), or 503 when it could not commit:
/// every 200 must end decided, exactly once. With the relay held off, the API's own publish retries must carry the
/// batches it could not publish during the outage.
/// </summary>
[Collection(BrokerRestartCollection.Name)]
public sealed class BrokerRestartTests(PostgresServer postgres, RabbitMqServer rabbit, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABrokerRestartUnderLoadLosesNoAcknowledgedHit(bool relay)
    {
        await using var deployment = await Deployment.StartAsync(postgres, rabbit, output);
        var s = await deployment.Api.OfferAsync();
        var worker = deployment.WorkerEnvironment();
        // Held off, the relay would first look an hour from now: only the API's publish retries can bring the batches back.
        if (!relay) worker["Tracking__Worker__RelayAfter"] = "02:00:00";
        deployment.StartWorker(worker);
        var client = deployment.Api.Public();
        var clicks = new List<string>();
        for (var i = 0; i < 10; i++) clicks.Add((await client.ClickAsync(s)).ClickId);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var load = Load.Start(client, s, clicks, senders: 2, "B", stop.Token);
        await Eventually.Until(() => Task.FromResult(load.Acknowledged.Count), n => n >= 200, TimeSpan.FromSeconds(60), "a load of acknowledged postbacks");
        await deployment.WaitUntilDecidingAsync();
        output.WriteLine($"before the restart: {load}");
        await rabbit.CtlAsync("stop_app");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5), Ct);
            output.WriteLine($"broker stopped for 5 s: {load}");
        }
        finally
        {
            await rabbit.CtlAsync("start_app");
        }
        var atRestart = load.Acknowledged.Count;
        await Eventually.Until(() => Task.FromResult(load.Acknowledged.Count), n => n >= atRestart + 200, TimeSpan.FromSeconds(60), "load after the restart");
        await stop.CancelAsync();
        await load.Completion;
        output.WriteLine($"after the restart: {load}; undecided then: {await Ledger.UndecidedAsync(deployment.Database)}");

        // Publish retries wait up to 15 s between tries and never give up; on a loaded 2-core machine the worker then needs
        // a minute or more for the backlog, so 60 s was too tight (85 of 2,775 hits were still on their way once).
        await Ledger.WaitAllDecidedAsync(deployment.Database, TimeSpan.FromSeconds(relay ? 180 : 150));
        var ledger = await Ledger.AssertExactlyOnceAsync(deployment.Database, load.Acknowledged);
        output.WriteLine($"ledger: {ledger}");
    }
}
