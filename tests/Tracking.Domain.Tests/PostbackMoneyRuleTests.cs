using Tracking.Domain.Catalog;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Hits;

namespace Tracking.Domain.Tests;

/// <summary>Issue 11.2/11.3: status words, and revenue/payout sent with the postback over the goal's rule.</summary>
public sealed class PostbackMoneyRuleTests
{
    [Theory]
    [InlineData("sale", ConversionStatus.Approved)]
    [InlineData("LEAD", ConversionStatus.Pending)]
    [InlineData("5", ConversionStatus.Pending)]
    [InlineData("3", ConversionStatus.Rejected)]
    [InlineData("trash", ConversionStatus.Rejected)]
    public void TheDefaultWordsMapOtherTrackersVocabularies(string word, ConversionStatus expected)
    {
        Assert.True(StatusWords.TryResolve(word, null, out var status));
        Assert.Equal(expected, status);
    }

    [Fact]
    public void AnAdvertisersOwnWordsWinOverTheDefaultsAndAreListedAsAccepted()
    {
        var own = new Dictionary<string, ConversionStatus> { ["sale"] = ConversionStatus.Pending, ["ok"] = ConversionStatus.Approved };
        Assert.True(StatusWords.TryResolve("Sale", own, out var sale));
        Assert.Equal(ConversionStatus.Pending, sale);
        Assert.False(StatusWords.TryResolve("paid", own, out _));
        Assert.Contains("ok", StatusWords.Accepted(own));
    }

    [Theory]
    [InlineData("ok", "maybe")]
    [InlineData("two words", "approved")]
    [InlineData("", "approved")]
    public void AnAdvertiserRefusesMalformedWords(string word, string status)
    {
        var advertiser = new Advertiser("Acme", World.T0);
        var e = Assert.Throws<DomainException>(() => advertiser.SetStatusWords(new Dictionary<string, string?> { [word] = status }));
        Assert.Equal("invalid_status_words", e.Reason);
    }

    [Fact]
    public async Task ThePostbacksRevenueAndPayoutWinOverTheGoalAndALaterOneChangesThemWithHistory()
    {
        var w = new World();
        var click = w.Click();
        Assert.Equal(Reasons.Converted, await w.Process(Postback(w, click.Id, revenue: 12m, payout: 2m, status: "pending")));
        var c = Assert.Single(w.Store.Conversions);
        Assert.Equal((12m, 2m), (c.Revenue, c.Payout));

        Assert.Equal(Reasons.StatusUpdated, await w.Process(Postback(w, click.Id, revenue: 15m, payout: null, status: null)));
        Assert.Equal((15m, 2m, ConversionStatus.Pending), (c.Revenue, c.Payout, c.Status));
        var last = c.History[^1];
        Assert.Equal((ConversionStatus.Pending, ConversionStatus.Pending, 15m), (last.From, last.To, last.Revenue));

        Assert.Equal(Reasons.Duplicate, await w.Process(Postback(w, click.Id, revenue: 15m, payout: null, status: null)));
    }

    [Fact]
    public async Task WithoutPostbackValuesTheGoalsRuleApplies()
    {
        var w = new World();
        var click = w.Click();
        await w.Process(Postback(w, click.Id, revenue: null, payout: null, status: null));
        Assert.Equal((10m, 5m), (w.Store.Conversions[0].Revenue, w.Store.Conversions[0].Payout));
    }

    private static Hit Postback(World w, string clickId, decimal? revenue, decimal? payout, string? status)
    {
        w.Time.Advance(TimeSpan.FromSeconds(1));
        var hit = new Hit(SortableId.New(w.Time.Now), Method.Postback, HitChannel.Get, w.Time.Now, new HitFields
        {
            OfferId = 7,
            AffiliateId = 3,
            Goal = "purchase",
            ClickId = clickId,
            Amount = 100m,
            Currency = "USD",
            OrderId = "O1",
            Status = status,
            Revenue = revenue,
            Payout = payout,
        });
        w.Store.Hits.Add(hit);
        return hit;
    }
}
