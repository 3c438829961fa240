using Tracking.Domain.Common;
using Tracking.Domain.Conversions;

namespace Tracking.Domain.Tests;

/// <summary>SPEC 4.1, rule by rule, through the worker's use case: may a hit count, and for which click (<c>HitProcessor.AdmitAsync</c>).</summary>
public sealed class AdmissionRuleTests
{
    [Fact]
    public async Task APixelForAnotherOfferThanItsClicksIsOfferMismatch()
    {
        var w = new World();
        var click = w.Click(offerId: 8);
        Assert.Equal(Reasons.OfferMismatch, await w.Process(w.Hit(Method.Pixel, click.Id)));
        Assert.Empty(w.Store.Conversions);
    }

    [Fact]
    public async Task AHitOlderThanTheLookbackIsClickExpired()
    {
        var w = new World(lookbackDays: 7);
        var click = w.Click();
        w.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Equal(Reasons.ClickExpired, await w.Process(w.Hit(Method.Postback, click.Id)));
    }

    [Fact]
    public async Task AClickStillInFlightIsWaitedForThenUnknownAfterAMinute()
    {
        var w = new World();
        var click = w.Click(stored: false);
        var hit = w.Hit(Method.Postback, click.Id);
        await Assert.ThrowsAsync<Attribution.ClickNotYetStoredException>(() => w.Process(hit));
        Assert.Null(hit.Outcome);
        w.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(Reasons.UnknownClick, await w.Process(hit));
    }

    [Fact]
    public async Task AClickThatArrivesWhileWaitedForIsUsed()
    {
        var w = new World();
        var click = w.Click(stored: false);
        var hit = w.Hit(Method.Postback, click.Id);
        await Assert.ThrowsAsync<Attribution.ClickNotYetStoredException>(() => w.Process(hit));
        w.Store.Clicks.Add(click);
        Assert.Equal(Reasons.Converted, await w.Process(hit));
    }

    [Fact]
    public async Task ACookielessPixelWithoutIdsIsNoClickId()
    {
        var w = new World();
        Assert.Equal(Reasons.NoClickId, await w.Process(w.Hit(Method.Pixel, null, amount: 10m)));
    }

    [Fact]
    public async Task AnUnknownGoalOfAPixelIsItsOutcome()
    {
        var w = new World();
        var click = w.Click();
        Assert.Equal(Reasons.UnknownGoal, await w.Process(w.Hit(Method.Pixel, click.Id, goal: "nope")));
    }

    [Fact]
    public async Task ABatchIsDecidedInIdOrderAndAHitWaitingForItsClickDoesNotHoldUpTheOthers()
    {
        var w = new World();
        var stored = w.Click();
        var inFlight = w.Click(stored: false);
        var first = w.Hit(Method.Pixel, stored.Id, orderId: "B1");
        var waiting = w.Hit(Method.Postback, inFlight.Id, orderId: "B2");
        var second = w.Hit(Method.Postback, stored.Id, orderId: "B1");
        await Assert.ThrowsAsync<Attribution.ClickNotYetStoredException>(
            () => w.Processor.ProcessAsync([second.Id, waiting.Id, first.Id], CancellationToken.None));
        Assert.Equal((Reasons.Converted, Reasons.Merged, null), (first.Outcome, second.Outcome, waiting.Outcome));
        w.Store.Clicks.Add(inFlight);
        await w.Processor.ProcessAsync([second.Id, waiting.Id, first.Id], CancellationToken.None);
        Assert.Equal(Reasons.Converted, waiting.Outcome);
        Assert.Equal(2, w.Store.Conversions.Count);
    }
}
