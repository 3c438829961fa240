using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Topology;

/// <summary>A worker dies with SIGKILL in the middle of its batches: the broker delivers its unacknowledged messages again.</summary>
[Collection(TopologyCollection.Name)]
public sealed class WorkerCrashTests(PostgresServer postgres, RabbitMqServer rabbit, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWorkerKilledMidBatchLosesNoAcknowledgedHitAndCountsNoneTwice()
    {
        await using var deployment = await Deployment.StartAsync(postgres, rabbit, output, ("Tracking:Ingress:MaxBatch", "16"));
        var s = await deployment.Api.OfferAsync();
        var doomed = deployment.StartWorker();
        deployment.StartWorker();
        var client = deployment.Api.Public();
        var clicks = new List<string>();
        for (var i = 0; i < 10; i++) clicks.Add((await client.ClickAsync(s)).ClickId);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var load = Load.Start(client, s, clicks, senders: 6, "K", stop.Token);
        await Eventually.Until(() => Task.FromResult(load.Acknowledged.Count), n => n >= 300, TimeSpan.FromSeconds(60), "a load of acknowledged postbacks");
        await deployment.WaitUntilDecidingAsync();
        var undecided = await Ledger.UndecidedAsync(deployment.Database);
        doomed.Kill();
        output.WriteLine($"SIGKILL with {load.Acknowledged.Count} postbacks acknowledged and {undecided} hits undecided");
        var atKill = load.Acknowledged.Count;
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        deployment.StartWorker();
        await Eventually.Until(() => Task.FromResult(load.Acknowledged.Count), n => n >= atKill + 200, TimeSpan.FromSeconds(60), "more load after the kill");
        await stop.CancelAsync();
        await load.Completion;

        await Ledger.WaitAllDecidedAsync(deployment.Database, TimeSpan.FromSeconds(120));
        var ledger = await Ledger.AssertExactlyOnceAsync(deployment.Database, load.Acknowledged);
        output.WriteLine($"load: {load}; ledger: {ledger}");
        Assert.Equal(0, load.Unavailable);
    }
}
