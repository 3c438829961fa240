using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Tracking.Domain.Reconciliation;
using Tracking.Infrastructure.Ingress;
using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Persistence;

/// <summary>
/// Issue 13's lean ingress row: the index on a hit's click id holds decided hits only, so ingress does not pay for a
/// random key per hit. A lookup by click id must still find the hits the worker has not decided yet (the API's hit log,
/// which the console's test conversion polls, and the reconciliation's evidence), and must reach both kinds through an
/// index, never a scan of the hits.
/// </summary>
public sealed class ClickLookupTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnSqliteLookupsByClickIdFindUndecidedHitsAndUseBothPartialIndexes()
    {
        await using var app = new TrackingApp();
        await LookupsFindDecidedAndUndecidedHitsAsync(app);

        var plan = await QueryPlans.ExplainAsync(app, Lookup);
        Assert.Contains(plan, row => row.Contains("USING INDEX ix_hits_decided_click_id (click_id=?)"));
        Assert.Contains(plan, row => row.Contains("USING INDEX ix_hits_undecided"));
        Assert.DoesNotContain(plan, row => row.StartsWith("SCAN "));
    }

    [Fact]
    public async Task OnPostgresLookupsByClickIdFindUndecidedHitsAndUseBothPartialIndexes()
    {
        await using var app = await TrackingApp.OnPostgresAsync(postgres);
        await LookupsFindDecidedAndUndecidedHitsAsync(app);

        // A few rows make any scan cheap: with plain scans off, only bitmap scans on an index condition are left, and the OR
        // can use them only if each side reaches its partial index (otherwise the planner falls back to a sequential scan).
        var plan = await QueryPlans.ExplainAsync(app, Lookup, "SET enable_seqscan = off; SET enable_indexscan = off;");
        Assert.Contains(plan, row => row.Contains("Bitmap Index Scan on ix_hits_decided_click_id"));
        Assert.Contains(plan, row => row.Contains("Bitmap Index Scan on ix_hits_undecided"));
        Assert.DoesNotContain(plan, row => row.Contains("Seq Scan"));
    }

    private static async Task LookupsFindDecidedAndUndecidedHitsAsync(TrackingApp app)
    {
        // Long enough that the relay never republishes the hit written below behind the ingress log's back.
        app.With("Tracking:Worker:RelayAfter", "1.00:00:00");
        var s = await app.OfferAsync();
        var traffic = new Traffic(app, s);
        var click = await traffic.ClickAsync();
        var postback = await traffic.PostbackAsync(click, "purchase", "&order_id=A-1");
        await traffic.PostbackAsync(await traffic.ClickAsync(), "purchase", "&order_id=B-1");
        await traffic.SettledAsync();

        // A pixel of the same click stored by the ingress writer and not decided yet (its message still on its way).
        var now = DateTime.UtcNow;
        var pixel = new Hit(SortableId.New(now), Method.Pixel, HitChannel.Get, now, new HitFields
        {
            OfferId = s.OfferId,
            AffiliateId = s.AffiliateId,
            Goal = "purchase",
            ClickId = click,
            ClickIdSource = ClickIdSource.Cookie,
            OrderId = "A-1",
        });
        using (var writer = IngressWriters.For(new TrackingDatabase(app.Provider, app.ConnectionString)))
        {
            writer.Write([pixel], []);
            // On SQLite staged first (decision 0023): moved into the table, and published by no one.
            writer.Move();
        }

        var api = app.Api();
        var byClick = (await api.GetJsonAsync($"/api/hits?click_id={click}")).Items();
        Assert.Equal([(pixel.Id, (string?)null), (postback, "converted")], byClick.Select(h => (h.Str("id"), h.Str("outcome"))));
        var pixels = (await api.GetJsonAsync($"/api/hits?click_id={click}&method=pixel&offer_id={s.OfferId}")).Items();
        Assert.Equal(pixel.Id, Assert.Single(pixels).Str("id"));
        Assert.Equal(pixel.Id, Assert.Single((await api.GetJsonAsync($"/api/hits?click_id={click}&outcome=undecided")).Items()).Str("id"));

        // The postback's conversion is missing its pixel: the reconciliation's evidence shows the one on its way.
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        var conversion = await db.Conversions.SingleAsync(c => c.ClickId == click, Ct);
        var evidence = await scope.ServiceProvider.GetRequiredService<IReconciliationStore>().GatherAsync(conversion, Ct);
        var seen = Assert.Single(evidence.SameClick);
        Assert.Equal((Method.Pixel, (string?)null, "A-1"), (seen.Method, seen.Outcome, seen.OrderId));
    }

    /// <summary>The reconciliation's lookup of a click's pixels, as EF writes it.</summary>
    private static IQueryable<Hit> Lookup(TrackingDbContext db) =>
        db.Hits.WithClickId("some-click").Where(h => h.Method == Method.Pixel).OrderBy(h => h.Id).Take(20);
}
