using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Infrastructure.Retention;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Postgres;

/// <summary>
/// Issue 12.8 on PostgreSQL with two processes on one database pruning at the same moment: each old hit is deleted once,
/// the hits of conversions stay, and the report counts what it counted before (the trigger ignores a pruning's deletes).
/// </summary>
public sealed class PostgresRetentionTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoProcessesPruningAtOnceDeleteEachOldHitOnceAndLeaveTheReportAsItWas()
    {
        const int refused = 30;
        var clock = new ShiftedClock();
        await using var a = Pruning(await TrackingApp.OnPostgresAsync(postgres), clock);
        var s = await a.OfferAsync();
        var traffic = new Traffic(a, s);
        await traffic.BothAsync("kept");
        var click = await traffic.ClickAsync();
        await Task.WhenAll(Enumerable.Range(0, refused).Select(_ => traffic.PostbackAsync(click, token: "forged", expected: HttpStatusCode.Forbidden)));
        await traffic.SettledAsync();
        var day = clock.GetUtcNow().UtcDateTime.Date;
        var range = $"/api/reports/discrepancies?group_by=offer&from={day.AddDays(-1):yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}";
        var report = (await a.Api().GetJsonAsync(range)).GetRawText();
        Assert.Contains($"\"token_invalid\":{refused}", report);
        await using var b = Pruning(new TrackingApp(a.Provider, a.ConnectionString), clock);
        b.Public().Dispose();

        clock.Advance(TimeSpan.FromDays(91));
        var runs = await Task.WhenAll(a.Services.GetRequiredService<HitPruner>().RunAsync(Ct), b.Services.GetRequiredService<HitPruner>().RunAsync(Ct));
        // One process holds the retention lease; the other's run is skipped (null), or finds nothing left when it comes after.
        Assert.Equal(refused, runs.Sum(r => r ?? 0));
        Assert.Equal(2, await a.WithDb(db => db.Hits.CountAsync(Ct)));
        Assert.Equal(2, await a.WithDb(db => db.Hits.CountAsync(h => h.ConversionId != null, Ct)));
        Assert.Equal(report, (await a.Api().GetJsonAsync(range)).GetRawText());
        Assert.Equal(0, await a.WithDb(db => db.Settings.CountAsync(x => x.Key == HitPruner.Marker, Ct)));
    }

    private static TrackingApp Pruning(TrackingApp app, ShiftedClock clock) =>
        app.WithClock(clock).With("Tracking:Retention:Every", "1.00:00:00").With("Tracking:Retention:BatchSize", "7");
}
