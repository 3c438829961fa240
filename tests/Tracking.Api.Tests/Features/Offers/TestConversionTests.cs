using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Tracking.Api.Tests.Features.Offers;

/// <summary>Issue 10: a test conversion goes through the real ingress and worker, and stays out of reports and forwarding.</summary>
public sealed class TestConversionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATestConversionIsDecidedLikeAnyOtherButLeftOutOfReportsAndForwarding()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var api = app.Api();
        // The affiliate forwards every conversion the moment it is created: a test conversion must still not reach it.
        await api.TemplateAsync(s.AffiliateId, new { url = "http://127.0.0.1:9/pb?c={conversion_id}", trigger = "created" });

        var sent = await (await api.PostJson($"/api/offers/{s.OfferId}/test-conversions", new { goal = "purchase", amount = 12.5m }))
            .Json(HttpStatusCode.Accepted);
        var hits = await app.Decided(sent.Str("pixel_hit_id"), sent.Str("postback_hit_id"));
        Assert.Equal(["converted", "merged"], hits.Select(h => h.Outcome).Order());
        Assert.All(hits, h => Assert.True(h.IsTest));

        var conversion = Assert.Single((await api.GetJson("/api/conversions")).Items());
        Assert.True((bool)conversion["is_test"]!);
        Assert.Equal(2, conversion["methods"]!.AsArray().Count);
        Assert.Equal(sent.Str("order_id"), conversion.Str("order_id"));
        await Eventually.Until(() => app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync(Ct)), c => c.ForwardDueAt is null, what: "forwarding planned");
        Assert.Equal(0, await app.WithDb(db => db.Deliveries.CountAsync(Ct)));

        Assert.Empty((await api.GetJson("/api/reports/discrepancies?group_by=offer")).Items());
        var withTests = Assert.Single((await api.GetJson("/api/reports/discrepancies?group_by=offer&include_tests=true")).Items());
        Assert.Equal(1, (int)withTests["both"]!);
        await (await api.GetAsync("/api/reports/discrepancies?include_tests=maybe", Ct)).AssertProblem(HttpStatusCode.BadRequest, "invalid_include_tests");
    }

    [Fact]
    public async Task ATestConversionNeedsAnOfferTheCallerMaySeeAndAnAffiliate()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        await (await api.PostJson("/api/offers/999/test-conversions", new { })).AssertProblem(HttpStatusCode.NotFound, "not_found");
        var advertiser = (await (await api.PostJson("/api/advertisers", new { name = "Solo" })).Json(HttpStatusCode.Created)).Id();
        var offer = (await (await api.PostJson("/api/offers", new { advertiser_id = advertiser, name = "No partners", landing_url = "https://x.example/" }))
            .Json(HttpStatusCode.Created)).Id();
        await (await api.PostJson($"/api/offers/{offer}/test-conversions", new { })).AssertProblem(HttpStatusCode.BadRequest, "no_affiliate");
    }
}
