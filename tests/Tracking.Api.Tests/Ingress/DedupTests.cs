using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;

namespace Tracking.Api.Tests.Ingress;

/// <summary>SPEC 4 end to end: real HTTP in, the worker over the bus, real SQLite out.</summary>
public sealed class DedupTests
{
    [Fact]
    public async Task APixelAndAPostbackOfOneOrderAreOneConversionThatBothMethodsSaw()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, cookie) = await client.ClickAsync(s);
        await client.PixelAsync(s.OfferId, "goal=purchase&amount=10&order_id=A1", cookie);
        var postback = await client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=10&order_id=A1&token={s.Token}");
        await app.Decided(await postback.HitIdAsync());
        await app.AllDecided();
        var c = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync());
        Assert.Equal([Method.Pixel, Method.Postback], c.Methods);
        var outcomes = await app.WithDb(db => db.Hits.AsNoTracking().OrderBy(h => h.Id).Select(h => h.Outcome).ToListAsync());
        Assert.Equal([Reasons.Converted, Reasons.Merged], outcomes);
    }

    [Fact]
    public async Task ConcurrentDuplicatePostbacksLeaveOneConversion()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=10&order_id=SAME&token={s.Token}")));
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        await app.AllDecided();
        var c = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync());
        Assert.Equal(39, c.DuplicateCount);
        var outcomes = await app.WithDb(db => db.Hits.AsNoTracking().GroupBy(h => h.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(1, outcomes.Single(o => o.Key == Reasons.Converted).Count);
        Assert.Equal(39, outcomes.Single(o => o.Key == Reasons.Duplicate).Count);
    }

    [Fact]
    public async Task RacingPixelsAndPostbacksOfManyOrdersMergePairwise()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, cookie) = await client.ClickAsync(s);
        var requests = Enumerable.Range(0, 30).SelectMany(i => new[]
        {
            client.PixelAsync(s.OfferId, $"goal=purchase&amount=5&order_id=R{i}", cookie),
            client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=5&order_id=R{i}&token={s.Token}"),
            client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=5&order_id=R{i}&token={s.Token}"),
        });
        await Task.WhenAll(requests);
        await app.AllDecided();
        var conversions = await app.WithDb(db => db.Conversions.AsNoTracking().ToListAsync());
        Assert.Equal(30, conversions.Count);
        Assert.All(conversions, c =>
        {
            Assert.Equal([Method.Pixel, Method.Postback], c.Methods);
            Assert.Equal(1, c.DuplicateCount);
        });
    }

    [Fact]
    public async Task ACookielessPixelIsKeptAndMergedWhenThePostbackWithItsOrderIdArrives()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await client.PixelAsync(s.OfferId, "goal=purchase&amount=10&order_id=NC1");
        Assert.Equal(Reasons.NoClickId, (await Eventually.Until(
            () => app.WithDb(db => db.Hits.AsNoTracking().SingleOrDefaultAsync()), h => h?.Outcome is not null))!.Outcome);
        var postback = await client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=10&order_id=NC1&token={s.Token}");
        await app.Decided(await postback.HitIdAsync());
        var c = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync());
        Assert.Equal([Method.Pixel, Method.Postback], c.Methods);
        Assert.All(await app.WithDb(db => db.Hits.AsNoTracking().ToListAsync()), h => Assert.Equal(c.Id, h.ConversionId));
    }

    [Fact]
    public async Task AfterTheGracePeriodAPostbackOnlyConversionIsExplainedByTheRejectedPixel()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync(o => o.Configure(null, null, 0, null, null, null, null));
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await client.PixelAsync(s.OfferId, $"click_id={clickId}&goal=purchase&amount=bad");
        var postback = await client.PostbackAsync($"click_id={clickId}&goal=purchase&amount=10&order_id=G1&token={s.Token}");
        await app.Decided(await postback.HitIdAsync());
        await app.AllDecided();
        var run = await app.Api().PostAsync("/api/reconciliation/run", null, TestContext.Current.CancellationToken);
        Assert.True(run.IsSuccessStatusCode);
        var c = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync());
        Assert.Equal(Discrepancy.PostbackOnly, c.Discrepancy);
        Assert.StartsWith("a pixel for this click was rejected: invalid_amount", c.Explanation);
    }
}
