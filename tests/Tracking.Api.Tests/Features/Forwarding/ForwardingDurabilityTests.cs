using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracking.Domain.Forwarding;
using Tracking.Infrastructure.Forwarding;

namespace Tracking.Api.Tests.Features.Forwarding;

/// <summary>SPEC 5 "surviving restarts": the retry schedule, the forwarding marker and the leases live in the database.</summary>
public sealed class ForwardingDurabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APartnerThatWasDownGetsTheDeliveryFromARestartedWorker()
    {
        var port = Receiver.FreePort();
        string database;
        string conversionId;
        await using (var first = new TrackingApp().With("Tracking:Forwarding:PollInterval", "00:00:00.050")
                         .With("Tracking:Forwarding:BaseDelay", "00:00:00.200").With("Tracking:Forwarding:MaxDelay", "00:00:00.400"))
        {
            database = first.DatabasePath;
            var s = await first.OfferAsync();
            await first.Api().TemplateAsync(s.AffiliateId, new { url = $"http://127.0.0.1:{port}/pb?c={{conversion_id}}" });
            var client = first.Public();
            var (clickId, _) = await client.ClickAsync(s);
            await client.PostbackAsync($"click_id={clickId}&goal=install&token={s.Token}");
            var failing = await first.DeliveriesUntil(1, d => d.AttemptCount >= 2, "two failed attempts");
            Assert.Equal(DeliveryState.Pending, failing[0].State);
            Assert.StartsWith("network:", failing[0].LastError);
            conversionId = failing[0].ConversionId;
        }

        await using var receiver = await Receiver.StartAsync(port);
        await using var second = new TrackingApp(database).FastRetries();
        second.Public().Dispose();
        var delivery = (await second.DeliveriesUntil(1, d => d.State == DeliveryState.Succeeded, "the delivery after the restart")).Single();
        await Task.Delay(300, Ct);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal(conversionId, request.Query("c"));
        Assert.Equal(delivery.Id, request.Header("Idempotency-Key"));
        Assert.Null(delivery.Attempts.Last().Error);
    }

    /// <summary>
    /// Shutdown right after a claim's conditional UPDATE wrote its lease: the claim still returns its deliveries (the
    /// dispatcher then sends and records them before it stops). Given up there, they stayed leased, out of every worker's
    /// reach, for a whole <c>Lease</c> (60 s), which is how a restarted worker once waited past this class's first test.
    /// </summary>
    [Fact]
    public async Task AClaimStoppedRightAfterItsLeaseIsWrittenStillReturnsItsDeliveries()
    {
        using var stopping = new CancellationTokenSource();
        var trigger = new CancelOnCommand(stopping, "UPDATE \"deliveries\"");
        await using var app = new TrackingApp().WithLogger(trigger).With("Tracking:Forwarding:Enabled", "false")
            .With("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");
        var s = await app.OfferAsync();
        await app.Api().TemplateAsync(s.AffiliateId, new { url = $"http://127.0.0.1:{Receiver.FreePort()}/pb?c={{conversion_id}}" });
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await client.PostbackAsync($"click_id={clickId}&goal=install&token={s.Token}");
        var planned = Assert.Single(await app.DeliveriesUntil(1, d => d.State == DeliveryState.Pending, "the planned delivery"));

        trigger.Armed = true;
        var claimed = await app.Services.GetRequiredService<DeliveryQueue>().ClaimAsync(8, _ => 8, [], stopping.Token);
        Assert.True(stopping.IsCancellationRequested, "the stop came right after the claim's UPDATE");
        var delivery = Assert.Single(claimed);
        Assert.Equal(planned.Id, delivery.Id);
        Assert.Equal(delivery.Lease, await app.WithDb(db => db.Deliveries.Where(d => d.Id == planned.Id).Select(d => d.LockedBy).SingleAsync(Ct)));
    }

    /// <summary>Cancels <paramref name="stop"/> as soon as EF logs an executed command containing <paramref name="sql"/>, once armed.</summary>
    private sealed class CancelOnCommand(CancellationTokenSource stop, string sql) : ILoggerProvider, ILogger
    {
        public volatile bool Armed;

        public ILogger CreateLogger(string categoryName) => categoryName == "Microsoft.EntityFrameworkCore.Database.Command" ? this : NullLogger;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (Armed && formatter(state, exception).Contains(sql, StringComparison.Ordinal)) stop.Cancel();
        }

        public void Dispose() { }

        private static readonly ILogger NullLogger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    [Fact]
    public async Task AConversionCommittedWithoutItsMessageIsStillForwardedAfterARestart()
    {
        await using var receiver = await Receiver.StartAsync();
        string database;
        await using (var first = new TrackingApp())
        {
            database = first.DatabasePath;
            var s = await first.OfferAsync();
            var client = first.Public();
            var (clickId, _) = await client.ClickAsync(s);
            await client.PostbackAsync($"click_id={clickId}&goal=install&token={s.Token}");
            await first.AllDecided();
            await Eventually.Until(() => first.WithDb(db => db.Conversions.CountAsync(c => c.ForwardDueAt == null)), n => n == 1, what: "planning");
            // As if the worker had died between its commit and its publish: the template exists, the conversion is marked.
            await first.Api().TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={conversion_id}") });
            await first.WithDb(db => db.Conversions.ExecuteUpdateAsync(u => u.SetProperty(c => c.ForwardDueAt, DateTime.UtcNow.AddMinutes(-5))));
        }

        await using var second = new TrackingApp(database).FastRetries();
        second.Public().Dispose();
        await second.DeliveriesUntil(1, d => d.State == DeliveryState.Succeeded, "the swept conversion's delivery");
        await receiver.RequestsUntil(1);
        Assert.Equal(0, await second.WithDb(db => db.Conversions.CountAsync(c => c.ForwardDueAt != null)));
    }

    [Fact]
    public async Task TwoWorkersOnOneDatabaseNeverSendOneDeliveryTwice()
    {
        const int conversions = 120;
        await using var receiver = await Receiver.StartAsync();
        receiver.Delay = _ => TimeSpan.FromMilliseconds(20);
        await using var a = new TrackingApp().FastRetries();
        var s = await a.OfferAsync();
        var api = a.Api();
        var template = await api.TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={conversion_id}"), state = "paused" });
        var client = a.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await Task.WhenAll(Enumerable.Range(0, conversions).Select(i => client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=O{i}&token={s.Token}")));
        await a.DeliveriesUntil(conversions, d => d.State == DeliveryState.Paused, "every delivery, waiting");

        await using var b = new TrackingApp(a.DatabasePath).FastRetries();
        b.Public().Dispose();
        await api.PatchJson($"/api/affiliates/{s.AffiliateId}/postbacks/{template["id"]}", new { state = "active" });
        var done = await a.DeliveriesUntil(conversions, d => d.State == DeliveryState.Succeeded, "every delivery sent", TimeSpan.FromSeconds(60));
        await Task.Delay(500, Ct);

        var keys = receiver.Requests.Select(r => r.Header("Idempotency-Key")).ToList();
        Assert.Equal(conversions, keys.Count);
        Assert.Equal(done.Select(d => d.Id).Order(), keys.Order());
        Assert.All(done, d => Assert.Single(d.Attempts));
        // Each worker opens at most ConnectionsPerHost (8) connections to the partner: more means both took part.
        Assert.True(receiver.Requests.Select(r => r.Connection).Distinct().Count() > 8, "both workers sent deliveries");
    }
}
