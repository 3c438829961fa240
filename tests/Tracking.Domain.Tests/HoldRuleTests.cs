using Tracking.Domain.Common;
using Tracking.Domain.Conversions;

namespace Tracking.Domain.Tests;

/// <summary>Issue 11.4: what starts a hold, what ends it, and that its end approves once.</summary>
public sealed class HoldRuleTests
{
    private static readonly DateTime After = World.T0.AddDays(3).AddSeconds(1);

    [Fact]
    public async Task AConversionThatWouldBeApprovedIsHeldAndApprovedOnceWhenTheHoldIsOver()
    {
        var w = new World(holdDays: 3);
        await w.Process(w.Hit(Method.Pixel, w.Click().Id, orderId: "O1"));
        var c = Assert.Single(w.Store.Conversions);
        Assert.Equal((ConversionStatus.Pending, World.T0.AddDays(3)), (c.Status, c.HoldUntil));

        Assert.False(c.ReleaseHold(World.T0.AddDays(3).AddSeconds(-1)));
        Assert.True(c.ReleaseHold(After));
        Assert.False(c.ReleaseHold(After), "a second worker holding the same row changes nothing");
        Assert.Equal((ConversionStatus.Approved, (DateTime?)null), (c.Status, c.HoldUntil));
        var last = c.History[^1];
        Assert.Equal((ConversionStatus.Pending, ConversionStatus.Approved, Conversion.HoldElapsed), (last.From, last.To, last.Source));
    }

    [Fact]
    public async Task AnApprovingPostbackKeepsTheHoldAndARejectingOneEndsIt()
    {
        var w = new World(holdDays: 3);
        var click = w.Click().Id;
        await w.Process(w.Hit(Method.Pixel, click, orderId: "O1"));
        await w.Process(w.Hit(Method.Postback, click, orderId: "O1", status: "approved"));
        var c = Assert.Single(w.Store.Conversions);
        Assert.Equal((ConversionStatus.Pending, World.T0.AddDays(3)), (c.Status, c.HoldUntil));

        await w.Process(w.Hit(Method.Postback, click, orderId: "O1", status: "rejected"));
        Assert.Equal((ConversionStatus.Rejected, (DateTime?)null), (c.Status, c.HoldUntil));
        Assert.False(c.ReleaseHold(After));
    }

    [Fact]
    public async Task APersonsChangeEndsTheHoldEvenBackToPending()
    {
        var w = new World(holdDays: 3);
        await w.Process(w.Hit(Method.Postback, w.Click().Id, orderId: "O1"));
        var c = Assert.Single(w.Store.Conversions);
        Assert.True(c.ChangeStatus(ConversionStatus.Rejected, World.T0.AddHours(1), "api"));
        Assert.True(c.ChangeStatus(ConversionStatus.Pending, World.T0.AddHours(2), "api"));
        Assert.Null(c.HoldUntil);
        Assert.False(c.ReleaseHold(After));
        Assert.Equal(ConversionStatus.Pending, c.Status);
    }

    [Theory]
    [InlineData("pending", ConversionStatus.Pending)]
    [InlineData("rejected", ConversionStatus.Rejected)]
    public async Task AnExplicitPendingOrRejectedOnTheFirstHitIsKeptWithoutAHold(string sent, ConversionStatus expected)
    {
        var w = new World(holdDays: 3);
        await w.Process(w.Hit(Method.Postback, w.Click().Id, orderId: "O1", status: sent));
        var c = Assert.Single(w.Store.Conversions);
        Assert.Equal((expected, (DateTime?)null), (c.Status, c.HoldUntil));
    }
}
