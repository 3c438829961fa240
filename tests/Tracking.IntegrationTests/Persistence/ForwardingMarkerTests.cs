using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Forwarding;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Persistence;

/// <summary>
/// Decision 0005, addendum 2, through HTTP and the worker's real store on SQLite and PostgreSQL: a conversion whose
/// affiliate has no forwarding template is stored without the forwarding marker, so its row is written once (a trigger
/// of the test's own counts every later update of <c>forward_due_at</c>), and once the affiliate has a template the next
/// conversion is marked and forwarded: the store reads the templates afresh for every unit of work.
/// </summary>
public sealed class ForwardingMarkerTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnSqliteAConversionWithoutTemplatesIsWrittenOnceAndATemplateAppliesToTheNext()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = new TrackingApp().FastRetries();
        await MarkedOnlyWithTemplatesAsync(app, receiver,
            "CREATE TABLE marker_writes (id TEXT NOT NULL); " +
            "CREATE TRIGGER count_marker_writes AFTER UPDATE OF forward_due_at ON conversions BEGIN INSERT INTO marker_writes VALUES (NEW.id); END;");
    }

    [Fact]
    public async Task OnPostgresAConversionWithoutTemplatesIsWrittenOnceAndATemplateAppliesToTheNext()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = (await TrackingApp.OnPostgresAsync(postgres)).FastRetries();
        await MarkedOnlyWithTemplatesAsync(app, receiver,
            "CREATE TABLE marker_writes (id text NOT NULL); " +
            "CREATE FUNCTION count_marker_writes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO marker_writes VALUES (NEW.id); RETURN NEW; END $$; " +
            "CREATE TRIGGER count_marker_writes AFTER UPDATE OF forward_due_at ON conversions FOR EACH ROW EXECUTE FUNCTION count_marker_writes();");
    }

    private static async Task MarkedOnlyWithTemplatesAsync(TrackingApp app, Receiver receiver, string countWrites)
    {
        var s = await app.OfferAsync();
        await app.WithDb(db => db.Database.ExecuteSqlRawAsync(countWrites, Ct));
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        for (var i = 0; i < 3; i++) await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=W{i}&token={s.Token}");
        await app.AllDecided();
        await Task.Delay(500, Ct); // the planner, were it told, would have cleared a marker by now

        var conversions = await app.WithDb(db => db.Conversions.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(3, conversions.Count);
        Assert.All(conversions, c => Assert.Null(c.ForwardDueAt));
        Assert.Equal(0, await Writes(app));
        Assert.Empty(await app.Deliveries());

        await app.TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={conversion_id}") });
        await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=T1&token={s.Token}");
        await app.AllDecided();
        var sent = await app.DeliveriesUntil(1, d => d.State == DeliveryState.Succeeded, "the conversion made after the template, forwarded");
        var forwarded = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync(c => c.OrderId == "T1", Ct));
        Assert.Equal(forwarded.Id, sent[0].ConversionId);
        Assert.Equal(forwarded.Id, Assert.Single((await receiver.RequestsUntil(1))).Query("c"));
        // The marker was set by the worker and cleared by the planner: one later write, of that conversion only.
        Assert.Equal(1, await Writes(app));
    }

    private static Task<int> Writes(TrackingApp app) =>
        app.WithDb(db => db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM marker_writes").SingleAsync(Ct));
}
