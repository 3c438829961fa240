using System.Net;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Topology;

/// <summary>Two worker processes on one queue: dedup and merge hold by unique indexes and concurrency tokens, not by locks in a process.</summary>
[Collection(TopologyCollection.Name)]
public sealed class TwoWorkersTests(PostgresServer postgres, RabbitMqServer rabbit, ITestOutputHelper output)
{
    [Fact]
    public async Task TwoWorkersRacingOverDuplicatesLeaveOneConversionPerOrderAndDecideEveryHitOnce()
    {
        const int orders = 40, postbacks = 3, pixels = 2;
        // Small ingress batches: an order's hits are spread over many messages, which the two workers take in parallel.
        await using var deployment = await Deployment.StartAsync(postgres, rabbit, output, ("Tracking:Ingress:MaxBatch", "4"));
        var s = await deployment.Api.OfferAsync();
        deployment.StartWorker();
        deployment.StartWorker();
        var client = deployment.Api.Public();
        var (clickId, cookie) = await client.ClickAsync(s);

        var requests = Enumerable.Range(0, orders).SelectMany(i =>
            Enumerable.Repeat(0, postbacks).Select(_ => client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=5&order_id=R{i}&token={s.Token}"))
                .Concat(Enumerable.Repeat(0, pixels).Select(_ => client.PixelAsync(s.OfferId, $"goal=purchase&amount=5&order_id=R{i}", cookie))))
            .ToList();
        var responses = await Task.WhenAll(requests);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await Ledger.WaitAllDecidedAsync(deployment.Database, TimeSpan.FromSeconds(90));

        var acknowledged = new List<(string, string)>();
        foreach (var r in responses.Where(r => r.RequestMessage!.RequestUri!.AbsolutePath == "/postback"))
            acknowledged.Add((await r.HitIdAsync(), r.RequestMessage!.RequestUri!.Query.Split("order_id=")[1].Split('&')[0]));
        var ledger = await Ledger.AssertExactlyOnceAsync(deployment.Database, acknowledged);
        output.WriteLine($"two workers: {ledger}");
        Assert.Equal(orders, ledger.Conversions);
        Assert.Equal(orders, ledger.Merged);
        Assert.Equal(orders * (postbacks + pixels - 2), ledger.Duplicates);
        Assert.Equal(orders * (postbacks - 1 + pixels - 1), await Ledger.ScalarAsync(deployment.Database, "SELECT sum(duplicate_count) FROM conversions"));
        // The report rollups the two workers' transactions kept, each in its own shard, add up to exactly these rows.
        Ledger.AssertRollupsExact(deployment.Database);
    }
}
