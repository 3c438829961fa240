using System.Net;
using System.Text.Json.Nodes;
using Tracking.Api.Tests.Features.Keys;
using Tracking.Domain.Forwarding;

namespace Tracking.Api.Tests.Features.Reconciliation;

/// <summary>Issue 11.7: the export's statuses applied as a status change is (history, forwarding), and who may do what.</summary>
public sealed class ExportStatusTests
{
    [Fact]
    public async Task AppliedStatusesJoinTheHistoryAndFireTheForwardingTriggersOnce()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = new TrackingApp().FastRetries();
        var s = await app.OfferAsync(o => o.Configure(null, null, null, null, null, true, null)); // new conversions are pending
        var api = app.Api();
        await api.TemplateAsync(s.AffiliateId, new
        {
            url = receiver.Url("/approved?o={order_id}"),
            reversal_url = receiver.Url("/reversed?o={order_id}&s={status}"),
        });
        await new Traffic(app, s).OrdersAsync(("o-1", "20"), ("o-2", "30"), ("o-3", "40"));
        const string export = "order_id,amount,status\no-1,20,approved\no-2,30,pending\no-3,40,trash\no-7,5,approved\n";

        var answer = await (await api.PostExportAsync(s.OfferId, export, "apply_statuses=true")).Json(HttpStatusCode.OK);

        Assert.Equal((2, 2), ((int)answer["summary"]!["status_differences"]!, (int)answer["summary"]!["applied"]!));
        var items = answer.ByResult();
        Assert.True((bool)items["o-1/matched"]["applied"]!);
        Assert.False((bool)items["o-2/matched"]["applied"]!);
        Assert.False((bool)items["o-7/missing_here"]["applied"]!);
        var o1 = await api.GetJson($"/api/conversions/{items["o-1/matched"].Str("conversion_id")}");
        Assert.Equal("approved", o1.Str("status"));
        var change = o1["status_history"]!.AsArray().Last()!;
        Assert.Equal(("pending", "approved", "reconciliation"), (change.Str("from"), change.Str("to"), change.Str("source")));
        Assert.Equal("rejected", (await api.GetJson($"/api/conversions/{items["o-3/matched"].Str("conversion_id")}")).Str("status"));

        var forwarded = await receiver.RequestsUntil(1);
        Assert.Equal("/approved?o=o-1", forwarded.Single().PathAndQuery);
        await app.DeliveriesUntil(1, d => d.State == DeliveryState.Succeeded, "the approval to be forwarded");

        var again = await (await api.PostExportAsync(s.OfferId, export, "apply_statuses=true")).Json(HttpStatusCode.OK);
        Assert.Equal((0, 0), ((int)again["summary"]!["status_differences"]!, (int)again["summary"]!["applied"]!));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task AnAnalystReconcilesButMayNotApplyAndAnAdvertiserAppliesOnlyToItsOwnOffers()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var other = await app.OfferAsync();
        await new Traffic(app, s).OrdersAsync(("o-1", "20"));
        var admin = app.Api();
        var analyst = Client(app, await AccessWorld.KeyAsync(admin, new { name = "analysis", role = "analyst" }));
        var advertiser = Client(app, await AccessWorld.KeyAsync(admin, new { name = "acme", role = "advertiser", advertiser_id = s.AdvertiserId }));
        var affiliate = Client(app, await AccessWorld.KeyAsync(admin, new { name = "partner", role = "affiliate", affiliate_id = s.AffiliateId }));
        const string export = "order_id,status\no-1,rejected\n";

        var read = await (await analyst.PostExportAsync(s.OfferId, export)).Json(HttpStatusCode.OK);
        Assert.Equal(1, (int)read["summary"]!["status_differences"]!);
        await (await analyst.PostExportAsync(s.OfferId, export, "apply_statuses=true")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        await (await affiliate.PostExportAsync(s.OfferId, export)).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        await (await advertiser.PostExportAsync(other.OfferId, export, "apply_statuses=true")).AssertProblem(HttpStatusCode.NotFound, "not_found");
        Assert.Equal("approved", (await admin.GetJson("/api/conversions")).Items().Single().Str("status"));

        var applied = await (await advertiser.PostExportAsync(s.OfferId, export, "apply_statuses=true")).Json(HttpStatusCode.OK);
        Assert.Equal(1, (int)applied["summary"]!["applied"]!);
        Assert.Equal("rejected", (await admin.GetJson("/api/conversions")).Items().Single().Str("status"));
    }

    private static HttpClient Client(TrackingApp app, JsonNode created)
    {
        var client = app.Public();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Str("key"));
        client.DefaultRequestHeaders.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }
}
