using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Domain.Conversions;
using Tracking.Infrastructure.Conversions;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Postgres;

/// <summary>
/// Issue 11.4 on PostgreSQL with two processes on one database: both run the hold job on their timers, and both are made
/// to run it at the same moment too; every held conversion is approved once, with one history entry and one forward.
/// </summary>
public sealed class PostgresHoldTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoWorkersApproveEachHeldConversionOnceAndForwardItOnce()
    {
        const int conversions = 40;
        var clock = new ShiftedClock();
        await using var receiver = await Receiver.StartAsync();
        await using var a = Held(await TrackingApp.OnPostgresAsync(postgres), clock);
        var s = await a.OfferAsync(o => o.Hold(1));
        await a.TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={conversion_id}"), trigger = "approved" });
        var client = a.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await Task.WhenAll(Enumerable.Range(0, conversions).Select(i => client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=H{i}&token={s.Token}")));
        await a.AllDecided();
        await using var b = Held(new TrackingApp(a.Provider, a.ConnectionString), clock);
        b.Public().Dispose();
        Assert.Equal(conversions, await a.WithDb(db => db.Conversions.CountAsync(c => c.Status == ConversionStatus.Pending && c.HoldUntil != null, Ct)));

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var runs = await Task.WhenAll(a.Services.GetRequiredService<HoldRunner>().RunAsync(Ct), b.Services.GetRequiredService<HoldRunner>().RunAsync(Ct));
        await Eventually.Until(() => a.WithDb(db => db.Conversions.CountAsync(c => c.Status == ConversionStatus.Approved, Ct)), n => n == conversions,
            what: "every held conversion approved");
        var requests = await receiver.RequestsUntil(conversions, TimeSpan.FromSeconds(60));
        await Task.Delay(1000, Ct); // more ticks of both jobs: a second approval or forward would show now

        Assert.Equal(conversions, receiver.Requests.Count);
        Assert.Equal(conversions, requests.Select(r => r.Query("c")).Distinct().Count());
        var approvals = await a.WithDb(db => db.StatusChanges.Where(h => h.Source == Conversion.HoldElapsed)
            .GroupBy(h => h.ConversionId).Select(g => g.Count()).ToListAsync(Ct));
        Assert.Equal(conversions, approvals.Count);
        Assert.All(approvals, n => Assert.Equal(1, n));
        Assert.True(runs.Sum() <= conversions, $"the two concurrent runs approved {runs[0]} and {runs[1]} of {conversions}");
        Assert.Equal(conversions, (await a.Deliveries()).Count);
    }

    private static TrackingApp Held(TrackingApp app, ShiftedClock clock) =>
        app.WithClock(clock).With("Tracking:Worker:HoldEvery", "00:00:00.100").FastRetries();
}
