using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Persistence;

/// <summary>
/// Cookieless pixels (no click id) are parked until a postback with the same order or event id claims them (SPEC 4.3).
/// The rule is tested on the domain's fake store (<c>AttributionRuleTests</c>); here it runs through HTTP and the worker's
/// real store (<c>EfAttributionStore</c>'s prefetch of a chunk's parked pixels), on SQLite and on PostgreSQL.
/// </summary>
public sealed class ParkedPixelTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnSqliteAPostbackClaimsTheParkedPixelOfItsOrderOrEventId()
    {
        await using var app = new TrackingApp();
        await PostbacksClaimParkedPixelsAsync(app);
    }

    [Fact]
    public async Task OnPostgresAPostbackClaimsTheParkedPixelOfItsOrderOrEventId()
    {
        await using var app = await TrackingApp.OnPostgresAsync(postgres);
        await PostbacksClaimParkedPixelsAsync(app);
    }

    /// <summary>
    /// SQLite has no statistics, and its default estimates would read every parked pixel through <c>ix_hits_outcome</c> for
    /// each chunk (<c>bench/parked-pixels.sh</c>): the lookups name their partial index.
    /// </summary>
    [Fact]
    public async Task OnSqliteParkedPixelsAreLookedUpThroughTheirIdIndexes()
    {
        await using var app = new TrackingApp();
        var ids = Enumerable.Range(0, 64).Select(i => $"ID-{i}").ToList();
        var byOrder = await QueryPlans.ExplainAsync(app, db => db.ParkedWithOrderIds(ids));
        Assert.Contains(byOrder, row => row.Contains("USING INDEX ix_hits_parked_order_id (order_id=?)"));
        var byEvent = await QueryPlans.ExplainAsync(app, db => db.ParkedWithEventIds(ids));
        Assert.Contains(byEvent, row => row.Contains("USING INDEX ix_hits_parked_event_id (event_id=?)"));
        Assert.DoesNotContain(byOrder.Concat(byEvent), row => row.StartsWith("SCAN ") || row.Contains("ix_hits_outcome"));
    }

    /// <summary>PostgreSQL keeps statistics (autovacuum's analyze): with 20,000 parked pixels counted, it reads the id indexes.</summary>
    [Fact]
    public async Task OnPostgresManyParkedPixelsAreLookedUpThroughTheirIdIndexes()
    {
        await using var app = await TrackingApp.OnPostgresAsync(postgres);
        // A refused hit counts itself into its quarter's rollup row (the insert trigger). In one quarter, the 20,000 rows
        // update the same rollup row 20,000 times in one transaction: 12 s on an idle machine, and the likely cause of a 35 s
        // failure in a loaded CI run (past the 30 s command timeout). One quarter apiece: about 1 s.
        await app.WithDb(db => db.Database.ExecuteSqlRawAsync("""
            INSERT INTO hits (id, method, channel, received_at, click_id_source, order_id, event_id, outcome, decided_at)
            SELECT lpad(g::text, 26, '0'), 'pixel', 'get', now() - g * interval '15 minutes', 'none', 'O-' || g, 'E-' || g, 'no_click_id', now()
            FROM generate_series(1, 20000) AS g;
            ANALYZE hits;
            """, Ct));
        var ids = Enumerable.Range(1, 64).Select(i => $"O-{i * 300}").ToList();
        var byOrder = await QueryPlans.ExplainAsync(app, db => db.ParkedWithOrderIds(ids));
        Assert.Contains(byOrder, row => row.Contains("ix_hits_parked_order_id"));
        var byEvent = await QueryPlans.ExplainAsync(app, db => db.ParkedWithEventIds(ids.Select(i => "E" + i[1..]).ToList()));
        Assert.Contains(byEvent, row => row.Contains("ix_hits_parked_event_id"));
        Assert.DoesNotContain(byOrder.Concat(byEvent), row => row.Contains("Seq Scan") || row.Contains("ix_hits_outcome"));
        Assert.Equal(64, (await app.WithDb(db => db.ParkedWithIdsAsync(ids, [], Ct))).Count);
    }

    private static async Task PostbacksClaimParkedPixelsAsync(TrackingApp app)
    {
        var s = await app.OfferAsync();
        var traffic = new Traffic(app, s);
        // Two cookieless pixels, and one whose order id no postback will name.
        await traffic.PixelAsync("", "purchase", "&order_id=P-1&amount=10");
        await traffic.PixelAsync("", "purchase", "&event_id=E-1&amount=20");
        await traffic.PixelAsync("", "purchase", "&order_id=P-never&amount=30");
        await traffic.SettledAsync();
        Assert.Equal(3, await app.WithDb(db => db.Hits.CountAsync(h => h.Outcome == Reasons.NoClickId, Ct)));

        var byOrder = await traffic.PostbackAsync(await traffic.ClickAsync(), "purchase", "&order_id=P-1&amount=10");
        var byEvent = await traffic.PostbackAsync(await traffic.ClickAsync(), "purchase", "&event_id=E-1&amount=20");
        await traffic.SettledAsync();

        var hits = await app.WithDb(db => db.Hits.AsNoTracking().ToListAsync(Ct));
        foreach (var (postback, key) in new[] { (byOrder, "P-1"), (byEvent, "E-1") })
        {
            var conversionId = hits.Single(h => h.Id == postback).ConversionId;
            var pixel = hits.Single(h => h.Method == Method.Pixel && (h.OrderId ?? h.EventId) == key);
            Assert.Equal((Reasons.Merged, conversionId), (pixel.Outcome, pixel.ConversionId));
            var conversion = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync(c => c.Id == conversionId, Ct));
            Assert.Equal((pixel.Id, postback), (conversion.PixelHitId, conversion.PostbackHitId));
        }
        Assert.Equal(Reasons.NoClickId, hits.Single(h => h.OrderId == "P-never").Outcome);
    }
}
