using System.Net;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Forwarding;

namespace Tracking.Api.Tests.Ingress;

/// <summary>Issue 11.3: revenue (and, when the advertiser may, payout) sent with the postback wins over the goal's rule.</summary>
public sealed class PostbackMoneyTests
{
    [Fact]
    public async Task ThePostbacksRevenueWinsOverTheGoalAndALaterPostbackChangesItWithHistory()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var (api, client) = (app.Api(), app.Public());
        var (clickId, _) = await client.ClickAsync(s);
        var first = await client.PostbackAsync($"subid={clickId}&goal=purchase&amount=100&status=lead&payout=12.5&tid=K1&aff_payout=3&token={s.Token}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await app.Decided(await first.HitIdAsync());
        var c = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync());
        // Goal: 10% revenue, 5% payout of 100. The postback's revenue wins; its payout is ignored (not allowed yet).
        Assert.Equal((12.5m, 5m, ConversionStatus.Pending), (c.Revenue, c.Payout, c.Status));

        var later = await client.PostbackAsync($"subid={clickId}&goal=purchase&status=sale&payout=15&tid=K1&token={s.Token}");
        var hit = (await app.Decided(await later.HitIdAsync()))[0];
        Assert.Equal(Reasons.StatusUpdated, hit.Outcome);
        var dto = await api.GetJson($"/api/conversions/{c.Id}");
        Assert.Equal((15m, 5m, 15m, "approved"), ((decimal)dto["revenue"]!, (decimal)dto["payout"]!, (decimal)dto["postback_revenue"]!, dto.Str("status")));
        var last = dto["status_history"]!.AsArray()[^1]!;
        Assert.Equal(("pending", "approved", 15m), (last.Str("from"), last.Str("to"), (decimal)last["revenue"]!));

        await (await api.PatchJson($"/api/advertisers/{s.AdvertiserId}", new { postback_sets_payout = true })).Json(HttpStatusCode.OK);
        var third = await client.PostbackAsync($"subid={clickId}&goal=purchase&payout=15&aff_payout=3&tid=K1&token={s.Token}");
        await app.Decided(await third.HitIdAsync());
        c = await app.WithDb(db => db.Conversions.AsNoTracking().Include(x => x.History).SingleAsync());
        Assert.Equal((15m, 3m, 3m), (c.Revenue, c.Payout, c.History.OrderBy(h => h.Id).Last().Payout));
    }

    [Fact]
    public async Task APayoutSentWithThePostbackIsWhatTheAffiliatesPostbackCarries()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = new TrackingApp().FastRetries();
        var s = await app.OfferAsync();
        var api = app.Api();
        await (await api.PatchJson($"/api/advertisers/{s.AdvertiserId}", new { postback_sets_payout = true })).Json(HttpStatusCode.OK);
        await api.TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?payout={payout}") });
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        var response = await client.PostbackAsync($"clickid={clickId}&goal=purchase&amount=100&revenue=20&affiliate_payout=3.3&token={s.Token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await app.DeliveriesUntil(1, d => d.State == DeliveryState.Succeeded, "the delivery to succeed");
        Assert.Equal("3.3", Assert.Single(receiver.Requests).Query("payout"));
    }

    [Fact]
    public async Task AMalformedRevenueIsRefusedAtOnce()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        var response = await client.PostbackAsync($"cid={clickId}&payout=lots&token={s.Token}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Reasons.InvalidAmount, (await response.JsonAsync()).Reason());
    }
}
