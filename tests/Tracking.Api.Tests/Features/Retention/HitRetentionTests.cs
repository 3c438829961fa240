using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Infrastructure.Retention;

namespace Tracking.Api.Tests.Features.Retention;

/// <summary>
/// Issue 12.8: hits older than the retention age are pruned, except those that make up a conversion and those a pending
/// reconciliation may still read; conversions, their explanations and the reports stay as they were; a run is bounded.
/// </summary>
public sealed class HitRetentionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OldRefusedAndUnmatchedHitsArePrunedWhileConversionsTheirHitsAndTheReportsStay()
    {
        var clock = new ShiftedClock();
        await using var app = Pruning(new TrackingApp().WithClock(clock), batch: 2, perRun: 3);
        var seeded = await app.OfferAsync(o => o.Configure(null, null, 0, null, null, null, null));
        var traffic = new Traffic(app, seeded);
        var api = app.Api();
        var day = clock.GetUtcNow().UtcDateTime.Date;

        await traffic.BothAsync("o-1");                                            // a conversion seen by both methods: 2 hits
        var lone = await traffic.ClickAsync();
        await traffic.PostbackAsync(lone, "purchase", "&order_id=o-2");           // a postback-only conversion, awaiting its pixel
        await traffic.PostbackAsync(lone, "purchase", "&order_id=o-2");           // its duplicate: part of the conversion
        for (var i = 0; i < 3; i++) await traffic.PostbackAsync(lone, "purchase", token: "forged", expected: HttpStatusCode.Forbidden);
        await traffic.PixelAsync("", "purchase");                                 // a pixel without a click: parked, never matched
        await traffic.PixelAsync("not-a-click-id", "purchase");                   // refused
        await traffic.SettledAsync();
        var kept = await app.WithDb(db => db.Hits.Where(h => h.ConversionId != null).Select(h => h.Id).OrderBy(id => id).ToListAsync(Ct));
        Assert.Equal(4, kept.Count);
        var range = $"/api/reports/discrepancies?group_by=offer&from={day.AddDays(-1):yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}";
        var pruner = app.Services.GetRequiredService<HitPruner>();

        // 91 days later. The postback-only conversion still waits for its explanation, which reads the hits of its click
        // and the cookieless pixels around it: nothing from an hour before its click on is pruned yet.
        clock.Advance(TimeSpan.FromDays(91));
        Assert.Equal(0, await pruner.RunAsync(Ct));
        Assert.Equal(9, await app.WithDb(db => db.Hits.CountAsync(Ct)));

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/reconciliation/run", null, Ct)).StatusCode);
        await traffic.PostbackAsync(await traffic.ClickAsync(), token: "forged", expected: HttpStatusCode.Forbidden); // a recent refusal
        var report = (await api.GetJsonAsync(range)).GetRawText();
        Assert.Contains("\"token_invalid\":3", report);
        Assert.Equal(3, await pruner.RunAsync(Ct));                               // bounded: 3 a run, in batches of 2
        Assert.Equal(2, await pruner.RunAsync(Ct));
        Assert.Equal(0, await pruner.RunAsync(Ct));

        var left = await app.WithDb(db => db.Hits.OrderBy(h => h.Id).Select(h => new { h.Id, h.ConversionId, h.Outcome }).ToListAsync(Ct));
        Assert.Equal(kept, left.Where(h => h.ConversionId != null).Select(h => h.Id));
        Assert.Equal("token_invalid", Assert.Single(left, h => h.ConversionId == null).Outcome);
        Assert.Equal(report, (await api.GetJsonAsync(range)).GetRawText());
        var conversions = (await api.GetJsonAsync("/api/conversions")).Items();
        Assert.Equal(2, conversions.Length);
        var postbackOnly = Assert.Single(conversions, c => c.Str("discrepancy") == "postback_only");
        var detail = await api.GetJsonAsync($"/api/conversions/{postbackOnly.Str("id")}");
        Assert.False(string.IsNullOrEmpty(detail.Str("explanation")));
    }

    [Fact]
    public async Task TheWorkerPrunesOnItsTimerAndRetentionZeroKeepsEveryHit()
    {
        var clock = new ShiftedClock();
        await using var keepAll = new TrackingApp().WithClock(clock).With("Tracking:Retention:HitsFor", "00:00:00")
            .With("Tracking:Retention:Every", "00:00:00.100");
        var seeded = await keepAll.OfferAsync();
        var traffic = new Traffic(keepAll, seeded);
        await traffic.PostbackAsync(await traffic.ClickAsync(), token: "forged", expected: HttpStatusCode.Forbidden);
        await keepAll.AllStored();
        clock.Advance(TimeSpan.FromDays(400));
        Assert.Null(await keepAll.Services.GetRequiredService<HitPruner>().RunAsync(Ct));
        Assert.Equal(1, await keepAll.WithDb(db => db.Hits.CountAsync(Ct)));

        await using var pruning = new TrackingApp(keepAll.DatabasePath).WithClock(clock).With("Tracking:Retention:Every", "00:00:00.100");
        pruning.Public().Dispose();
        await Eventually.Until(() => pruning.WithDb(db => db.Hits.CountAsync(Ct)), n => n == 0, what: "the retention job pruning the old hit");
    }

    private static TrackingApp Pruning(TrackingApp app, int batch, int perRun) =>
        app.With("Tracking:Retention:Every", "1.00:00:00").With("Tracking:Worker:ReconcileEvery", "1.00:00:00").With("Tracking:Retention:BatchSize", batch.ToString())
            .With("Tracking:Retention:MaxPerRun", perRun.ToString());
}
