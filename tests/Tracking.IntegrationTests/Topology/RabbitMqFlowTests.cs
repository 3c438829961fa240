using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Topology;

/// <summary>SPEC 3.4, 4 and 8 deployed apart: the API without its worker, a standalone worker, RabbitMQ and PostgreSQL between them.</summary>
[Collection(TopologyCollection.Name)]
public sealed class RabbitMqFlowTests(PostgresServer postgres, RabbitMqServer rabbit, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PixelPostbackDuplicatesAndReconciliationFlowThroughRabbitMqToAStandaloneWorker()
    {
        await using var deployment = await Deployment.StartAsync(postgres, rabbit, output);
        var s = await deployment.Api.OfferAsync(o => o.Configure(null, null, 0, null, null, null, null));
        deployment.StartWorker();
        var client = deployment.Api.Public();
        var (clickId, cookie) = await client.ClickAsync(s);

        await client.PixelAsync(s.OfferId, "goal=purchase&amount=10&order_id=A1", cookie);
        var postback = $"click_id={clickId}&goal=purchase&amount=10&order_id=A1&token={s.Token}";
        Assert.Equal(HttpStatusCode.OK, (await client.PostbackAsync(postback)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostbackAsync(postback)).StatusCode);
        await client.PixelAsync(s.OfferId, $"click_id={clickId}&goal=purchase&amount=bad");
        Assert.Equal(HttpStatusCode.OK, (await client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=10&order_id=G1&token={s.Token}")).StatusCode);
        await deployment.Api.AllDecided(TimeSpan.FromSeconds(60));

        var run = await deployment.Api.Api().PostAsync("/api/reconciliation/run", null, Ct);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var conversions = await deployment.Api.WithDb(db => db.Conversions.AsNoTracking().OrderBy(c => c.DedupKey).ToListAsync(Ct));
        Assert.Equal(["o:A1", "o:G1"], conversions.Select(c => c.DedupKey));
        Assert.Equal([Method.Pixel, Method.Postback], conversions[0].Methods);
        Assert.Equal(1, conversions[0].DuplicateCount);
        Assert.Equal(Discrepancy.PostbackOnly, conversions[1].Discrepancy);
        Assert.StartsWith("a pixel for this click was rejected: invalid_amount", conversions[1].Explanation);
        // The pixel and the postback may reach the worker in either order: which one converted and which merged varies.
        var outcomes = await deployment.Api.WithDb(db => db.Hits.AsNoTracking().Select(h => h.Outcome!).ToListAsync(Ct));
        Assert.Equal(new[] { Reasons.Converted, Reasons.Converted, Reasons.Duplicate, Reasons.InvalidAmount, Reasons.Merged }.Order(), outcomes.Order());

        var queues = await deployment.QueuesAsync();
        output.WriteLine("queues: " + string.Join(", ", queues.Select(q => $"{q.Key} {q.Value.Type} {q.Value.Messages}")));
        Assert.Equal("quorum", queues["hits-recorded"].Type);
        // Nothing failed for good (an error queue only exists once a message ran out of retries).
        Assert.All(queues.Where(q => q.Key.EndsWith("_error")), q => Assert.Equal(0, q.Value.Messages));
        Assert.Equal(1, await Ledger.ScalarAsync(deployment.Database, "SELECT count(*) FROM settings WHERE key = 'lease:reconciliation'"));
    }

    [Fact]
    public async Task ConversionEventsCrossRabbitMqToTheWorkerThatForwardsAndReversesOnce()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var deployment = await Deployment.StartAsync(postgres, rabbit, output);
        var s = await deployment.Api.OfferAsync();
        await deployment.Api.TemplateAsync(s.AffiliateId, new
        {
            url = receiver.Url("/pb?c={conversion_id}&s={status}"),
            reversal_url = receiver.Url("/reversed?c={conversion_id}&s={status}"),
        });
        var environment = deployment.WorkerEnvironment();
        environment["Tracking__Forwarding__PollInterval"] = "00:00:00.100";
        deployment.StartWorker(environment);
        var client = deployment.Api.Public();
        var (clickId, cookie) = await client.ClickAsync(s);

        // The worker's conversion event after its commit: one delivery however many hits made the conversion.
        await client.PixelAsync(s.OfferId, "goal=purchase&amount=10&order_id=F1", cookie);
        var postback = $"click_id={clickId}&goal=purchase&amount=10&order_id=F1&token={s.Token}";
        Assert.Equal(HttpStatusCode.OK, (await client.PostbackAsync(postback)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostbackAsync(postback)).StatusCode);
        await deployment.Api.AllDecided(TimeSpan.FromSeconds(60));
        var conversionId = await deployment.Api.WithDb(db => db.Conversions.Select(c => c.Id).SingleAsync(Ct));
        var forwarded = await Eventually.Until(() => Task.FromResult(receiver.Requests), r => r.Count >= 1, TimeSpan.FromSeconds(60), "the forward");
        Assert.Equal($"/pb?c={conversionId}&s=approved", forwarded[0].PathAndQuery);

        // The API's own event, after a status change through the management API, reaches the worker over the broker too.
        var rejected = await deployment.Api.Api().PatchAsJsonAsync($"/api/conversions/{conversionId}", new { status = "rejected" }, Ct);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var all = await Eventually.Until(() => Task.FromResult(receiver.Requests), r => r.Count >= 2, TimeSpan.FromSeconds(60), "the reversal");
        Assert.Equal($"/reversed?c={conversionId}&s=rejected", all[1].PathAndQuery);
        await Task.Delay(1000, Ct); // a third request would show up now
        Assert.Equal(2, receiver.Requests.Count);
        Assert.NotEqual(all[0].Header("Idempotency-Key"), all[1].Header("Idempotency-Key"));
    }

    [Fact]
    public async Task MessagesThatRanOutOfRetriesGoBackFromTheErrorQueueWithRequeueErrors()
    {
        await using var deployment = await Deployment.StartAsync(postgres, rabbit, output);
        var s = await deployment.Api.OfferAsync();
        await using var proxy = TcpProxy.Start(Deployment.Endpoint(deployment.Database).Host, Deployment.Endpoint(deployment.Database).Port);
        var environment = deployment.WorkerEnvironment(deployment.DatabaseThrough(proxy));
        environment["Tracking__Worker__DatabaseRetryFor"] = "00:00:01";
        environment["Tracking__Worker__RelayAfter"] = "01:00:00"; // Not the relay: the error queue is what is tested.
        deployment.StartWorker(environment);
        var client = deployment.Api.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=W0&token={s.Token}");
        await Ledger.WaitAllDecidedAsync(deployment.Database, TimeSpan.FromSeconds(60));

        proxy.Cut();
        var stranded = new List<string>();
        for (var i = 1; i <= 3; i++)
            stranded.Add(await (await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=W{i}&token={s.Token}")).HitIdAsync());
        var queues = await Eventually.Until(deployment.QueuesAsync, q => q.TryGetValue("hits-recorded_error", out var e) && e.Messages > 0,
            TimeSpan.FromSeconds(60), "a message in hits-recorded_error");
        output.WriteLine($"with the database cut: hits-recorded_error (type, messages) = {queues["hits-recorded_error"]}");
        Assert.Equal("quorum", queues["hits-recorded_error"].Type);
        proxy.Restore();
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        Assert.Equal(3, await Ledger.UndecidedAsync(deployment.Database));

        await using var requeue = HostProcess.Worker("requeue-errors",
            new Dictionary<string, string> { ["ConnectionStrings__RabbitMq"] = deployment.Broker }, "requeue-errors", "hits-recorded");
        Assert.Equal(0, await requeue.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        output.WriteLine(requeue.Output.Trim());
        Assert.Contains("moved", requeue.Output);

        await Ledger.WaitAllDecidedAsync(deployment.Database, TimeSpan.FromSeconds(30));
        // Quorum queues report their counts every few seconds.
        await Eventually.Until(deployment.QueuesAsync, q => q["hits-recorded_error"].Messages == 0, TimeSpan.FromSeconds(30), "an empty error queue");
        Assert.Equal(4, await Ledger.ScalarAsync(deployment.Database, "SELECT count(*) FROM conversions"));
    }
}
