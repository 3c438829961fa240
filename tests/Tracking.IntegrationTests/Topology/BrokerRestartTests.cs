using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Topology;

/// <summary>
/// The broker restarts under load. The API answers 200 once the hit is committed to the database, whether or not the
/// broker took the message (the hit log is the outbox, the relay publishes it later), or 503 when it could not commit:
/// every 200 must end decided, exactly once.
/// </summary>
[Collection(BrokerRestartCollection.Name)]
public sealed class BrokerRestartTests(PostgresServer postgres, RabbitMqServer rabbit, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABrokerRestartUnderLoadLosesNoAcknowledgedHit()
    {
        await using var deployment = await Deployment.StartAsync(postgres, rabbit, output);
        var s = await deployment.Api.OfferAsync();
        deployment.StartWorker();
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

        await Ledger.WaitAllDecidedAsync(deployment.Database, TimeSpan.FromSeconds(180));
        var ledger = await Ledger.AssertExactlyOnceAsync(deployment.Database, load.Acknowledged);
        output.WriteLine($"ledger: {ledger}");
    }
}
