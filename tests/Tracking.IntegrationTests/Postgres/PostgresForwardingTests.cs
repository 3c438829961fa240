using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Conversions;
using Tracking.Domain.Forwarding;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Postgres;

/// <summary>
/// SPEC 5 on PostgreSQL: the delivery planner's unique index and the dispatcher's leased claims are plain SQL that must
/// hold on a server database as on SQLite, with a real partner listening on 127.0.0.1.
/// </summary>
public sealed class PostgresForwardingTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AConversionSeenByPixelAndPostbackWithDuplicatesIsForwardedOnce()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = (await TrackingApp.OnPostgresAsync(postgres)).FastRetries();
        var s = await app.OfferAsync();
        await app.TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={conversion_id}&click={click_id}&order={order_id}&payout={payout}") });
        var client = app.Public();
        var (clickId, cookie) = await client.ClickAsync(s);

        await client.PixelAsync(s.OfferId, "goal=purchase&amount=20&order_id=P1", cookie);
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=20&order_id=P1&token={s.Token}")));
        await app.AllDecided();
        var delivery = await Eventually.Until(() => app.Deliveries(), ds => ds.Count == 1 && ds[0].State == DeliveryState.Succeeded, what: "one delivery sent");
        await Task.Delay(500, Ct); // a second request would show up now

        var request = Assert.Single(receiver.Requests);
        var conversion = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(conversion.Id, request.Query("c"));
        Assert.Equal(clickId, request.Query("click"));
        Assert.Equal("P1", request.Query("order"));
        Assert.Equal("1", request.Query("payout")); // 5 % of 20, formatted "0.####"
        Assert.Equal(delivery[0].Id, request.Header("Idempotency-Key"));
    }

    /// <summary>
    /// The planner's first step (decision 0005, addendum) on PostgreSQL: a conversion whose affiliate has no template is
    /// marked planned by the one <c>UPDATE … NOT EXISTS</c>, and gets no delivery. The worker no longer marks such a
    /// conversion (addendum 2); a status change made through the API still does, and is what reaches the planner here.
    /// </summary>
    [Fact]
    public async Task AConversionOfAnAffiliateWithoutTemplatesIsMarkedPlannedAndGetsNoDelivery()
    {
        await using var app = await TrackingApp.OnPostgresAsync(postgres);
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        Assert.Equal(HttpStatusCode.OK, (await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=N1&token={s.Token}")).StatusCode);
        await app.AllDecided();
        var id = await app.WithDb(db => db.Conversions.Select(c => c.Id).SingleAsync(Ct));
        var changed = await app.Api().PostAsJsonAsync("/api/conversions/status", new { status = "rejected", ids = new[] { id } }, Ct);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(ConversionStatus.Rejected, await app.WithDb(db => db.Conversions.Select(c => c.Status).SingleAsync(Ct)));
        await Eventually.Until(() => app.WithDb(db => db.Conversions.CountAsync(c => c.ForwardDueAt == null, Ct)), n => n == 1, what: "planning");
        Assert.Empty(await app.Deliveries());
    }

    [Fact]
    public async Task TwoProcessesOnOneDatabaseNeverSendOneDeliveryTwice()
    {
        const int conversions = 80;
        await using var receiver = await Receiver.StartAsync();
        receiver.Delay = _ => TimeSpan.FromMilliseconds(20);
        await using var a = (await TrackingApp.OnPostgresAsync(postgres)).FastRetries();
        var s = await a.OfferAsync();
        var template = await a.TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={conversion_id}"), state = "paused" });
        var client = a.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await Task.WhenAll(Enumerable.Range(0, conversions).Select(i => client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=O{i}&token={s.Token}")));
        await Eventually.Until(() => a.Deliveries(), ds => ds.Count == conversions && ds.All(d => d.State == DeliveryState.Paused), what: "every delivery, waiting");

        // A second product on the same database: its dispatcher competes for the same deliveries.
        await using var b = new TrackingApp(a.Provider, a.ConnectionString).FastRetries();
        b.Public().Dispose();
        var resumed = await a.Api().PatchAsJsonAsync($"/api/affiliates/{s.AffiliateId}/postbacks/{template.GetProperty("id")}", new { state = "active" }, Ct);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var done = await Eventually.Until(() => a.Deliveries(), ds => ds.All(d => d.State == DeliveryState.Succeeded), TimeSpan.FromSeconds(60), "every delivery sent");
        await Task.Delay(500, Ct);

        var keys = receiver.Requests.Select(r => r.Header("Idempotency-Key")).ToList();
        Assert.Equal(conversions, keys.Count);
        Assert.Equal(done.Select(d => d.Id).Order(), keys.Order());
        Assert.All(done, d => Assert.Single(d.Attempts));
        Assert.True(receiver.Requests.Select(r => r.Connection).Distinct().Count() > 8, "both processes sent deliveries (8 connections per host each)");
    }
}
