using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;

namespace Tracking.Api.Tests.Ingress;

public sealed class PostbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAcceptedPostbackAnswersItsHitIdAndTheWorkerConverts()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s, "&sub1=kw");
        var response = await client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=40&currency=eur&order_id=O1&adv1=x&token={s.Token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("accepted", body.GetProperty("status").GetString());
        var hit = (await app.Decided(body.GetProperty("hit_id").GetString()!))[0];
        Assert.Equal((Reasons.Converted, "EUR", 40m, "x"), (hit.Outcome, hit.Currency, hit.Amount, hit.Adv1));
        var c = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync());
        Assert.Equal((s.AffiliateId, "kw", 4m, 2m), (c.AffiliateId, c.Sub1, c.Revenue, c.Payout));
    }

    [Fact]
    public async Task PostbacksArriveAsFormOrJsonWithTheTokenInTheHeader()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        var form = new HttpRequestMessage(HttpMethod.Post, "/postback")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["clickid"] = clickId, ["event"] = "purchase", ["sum"] = "5", ["txn_id"] = "F1" }),
        };
        form.Headers.Add("X-Tracking-Token", s.Token);
        var json = new HttpRequestMessage(HttpMethod.Post, "/postback")
        {
            Content = JsonContent.Create(new { transaction_id = clickId, goal = "purchase", value = 7.5, order_id = "J1", token = s.Token }),
        };
        var hits = new List<string>();
        foreach (var request in new[] { form, json })
        {
            var response = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            hits.Add(await response.HitIdAsync());
        }
        var decided = await app.Decided([.. hits]);
        Assert.All(decided, h => Assert.Equal(Reasons.Converted, h.Outcome));
        Assert.Equal(["F1", "J1"], decided.OrderBy(h => h.Id).Select(h => h.OrderId));
        Assert.Equal([HitChannel.Post, HitChannel.Post], decided.Select(h => h.Channel));
        Assert.Equal([5m, 7.5m], decided.OrderBy(h => h.Id).Select(h => h.Amount!.Value));
    }

    [Theory]
    [InlineData("goal=purchase&token={token}", 400, Reasons.NoClickId)]
    [InlineData("click_id=garbage&token={token}", 400, Reasons.InvalidClickId)]
    [InlineData("click_id={forged}&token={token}", 400, Reasons.InvalidClickId)]
    [InlineData("click_id={click}", 401, Reasons.TokenMissing)]
    [InlineData("click_id={click}&token=wrong", 403, Reasons.TokenInvalid)]
    [InlineData("click_id={click}&goal=unknown&token={token}", 400, Reasons.UnknownGoal)]
    [InlineData("click_id={click}&amount=1e5&token={token}", 400, Reasons.InvalidAmount)]
    [InlineData("click_id={click}&amount=-1&token={token}", 400, Reasons.InvalidAmount)]
    [InlineData("click_id={click}&amount=99999999999&token={token}", 400, Reasons.InvalidAmount)]
    [InlineData("click_id={click}&currency=DOLLARS&token={token}", 400, Reasons.InvalidCurrency)]
    [InlineData("click_id={click}&status=paid&token={token}", 400, Reasons.InvalidStatus)]
    [InlineData("click_id={click}&order_id={long}&token={token}", 400, Reasons.InvalidParameter)]
    public async Task WhatCanBeJudgedAtOnceIsAnsweredAtOnceWithAReasonAndRecordedInTheDebugLog(string query, int status, string reason)
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        var forged = clickId[..^1] + (clickId[^1] == 'A' ? 'B' : 'A');
        var response = await client.PostbackAsync(query.Replace("{token}", s.Token).Replace("{click}", clickId)
            .Replace("{forged}", forged).Replace("{long}", new string('o', 129)));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(reason, problem.Reason());
        // Refused at once, and stored a moment later (on SQLite once moved from the ingress log's staging file, decision 0023).
        var hitId = problem.GetProperty("hit_id").GetString();
        var hit = await Eventually.Until(() => app.WithDb(db => db.Hits.AsNoTracking().SingleOrDefaultAsync(h => h.Id == hitId)), h => h is not null,
            what: $"hit {hitId} stored");
        Assert.Equal((reason, Method.Postback), (hit!.Outcome, hit.Method));
        Assert.NotNull(hit.DecidedAt);
        Assert.Equal(0, await app.WithDb(db => db.Conversions.CountAsync()));
    }

    [Fact]
    public async Task AGarbledOrOversizedBodyIsA4xxWithAReason()
    {
        await using var app = new TrackingApp();
        await app.OfferAsync();
        var client = app.Public();
        var garbled = await client.PostAsync("/postback", new StringContent("{\"click_id\": ", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal((HttpStatusCode.BadRequest, Reasons.InvalidBody), (garbled.StatusCode, (await garbled.JsonAsync()).Reason()));
        var huge = await client.PostAsync("/postback", new StringContent(new string('a', 40_000), Encoding.UTF8, "application/json"), Ct);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, Reasons.BodyTooLarge), (huge.StatusCode, (await huge.JsonAsync()).Reason()));
    }

    [Fact]
    public async Task AGenuineClickIdOlderThanTheLookbackIsAcceptedThenClickExpired()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var codec = app.Services.GetService(typeof(ClickIdCodec)) as ClickIdCodec;
        var clickedAt = DateTime.UtcNow.AddDays(-31);
        var clickId = codec!.Create(s.OfferId, s.AffiliateId, clickedAt);
        await app.WithDb(async db =>
        {
            db.Clicks.Add(new Click(clickId, s.OfferId, s.AffiliateId, clickedAt, new ClickContext(null, null, null, null, null, null, null, null, null)));
            return await db.SaveChangesAsync();
        });
        var response = await app.Public().PostbackAsync($"click_id={clickId}&token={s.Token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Reasons.ClickExpired, (await app.Decided(await response.HitIdAsync()))[0].Outcome);
    }

    [Fact]
    public async Task AGenuineClickIdThatWasNeverStoredBecomesUnknownClick()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var codec = (ClickIdCodec)app.Services.GetService(typeof(ClickIdCodec))!;
        var clickId = codec.Create(s.OfferId, s.AffiliateId, DateTime.UtcNow.AddMinutes(-5));
        var response = await app.Public().PostbackAsync($"click_id={clickId}&token={s.Token}");
        Assert.Equal(Reasons.UnknownClick, (await app.Decided(await response.HitIdAsync()))[0].Outcome);
    }
}
