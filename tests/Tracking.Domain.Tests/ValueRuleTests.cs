using Tracking.Domain.Catalog;
using Tracking.Domain.Common;

namespace Tracking.Domain.Tests;

public sealed class ValueRuleTests
{
    [Theory]
    [InlineData("10", true)]
    [InlineData("10.5", true)]
    [InlineData("0", true)]
    [InlineData("1000000000", true)]
    [InlineData("-1", false)]
    [InlineData("1e3", false)]
    [InlineData("10,5", false)]
    [InlineData("abc", false)]
    [InlineData("NaN", false)]
    [InlineData("1000000000.01", false)]
    [InlineData("1.23456", false)]
    public void AmountsAreInvariantDecimalsFromZeroToABillion(string text, bool valid) =>
        Assert.Equal(valid, Amounts.TryParse(text, out _));

    [Fact]
    public void AnAbsentAmountIsValidAndNull()
    {
        Assert.True(Amounts.TryParse(null, out var amount));
        Assert.Null(amount);
    }

    [Theory]
    [InlineData("usd", "USD", true)]
    [InlineData(" EUR ", "EUR", true)]
    [InlineData("XXX", "XXX", false)]
    [InlineData("US", "US", false)]
    public void CurrenciesAreActiveIso4217Codes(string code, string normalized, bool valid)
    {
        Assert.Equal(valid, Currencies.TryNormalize(code, out var n));
        Assert.Equal(normalized, n);
    }

    [Fact]
    public void RevenueAndPayoutAreFixedOrAPercentageOfTheAmount()
    {
        var goal = new GoalInfo("purchase", false, 10m, AmountKind.Percent, 2m, AmountKind.Fixed);
        Assert.Equal((5m, 2m), goal.Price(50m));
        Assert.Equal((0m, 2m), goal.Price(null));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative")]
    [InlineData("ftp://x.example/")]
    [InlineData("")]
    // Issue 12.6 (the property tests): a macro in the scheme or host would let a click's values choose where it goes.
    [InlineData("https://shop.example{sub1}/landing")]
    [InlineData("https://{sub1}.shop.example/")]
    [InlineData("https://{source}/")]
    [InlineData("http{sub2}://shop.example/")]
    public void LandingUrlsMustBeAbsoluteHttp(string url) =>
        Assert.Equal("invalid_landing_url", Assert.Throws<DomainException>(() => CatalogRules.RequireLandingUrl(url)).Reason);

    [Fact]
    public void LandingUrlMacrosAreFilledUrlEncodedAndUnknownOnesKept()
    {
        var filled = LandingUrl.Fill("https://x.example/?c={click_id}&s={sub1}&k={keep}", n => n == "sub1" ? "a b&c" : "ID");
        Assert.Equal("https://x.example/?c=ID&s=a%20b%26c&k={keep}", filled);
    }

    [Fact]
    public void GoalsAreOncePerClickByDefaultForInstallsAndLeadsOnly()
    {
        var offer = new Offer(1, "o", "https://x.example/", DateTime.UtcNow);
        Assert.True(offer.AddGoal("lead", null, 0, AmountKind.Fixed, 0, AmountKind.Fixed).OncePerClick);
        Assert.False(offer.AddGoal("purchase", null, 0, AmountKind.Fixed, 0, AmountKind.Fixed).OncePerClick);
        Assert.True(offer.Goals.Single(g => g.Code == "conversion").OncePerClick);
        Assert.Equal("goal_exists", Assert.Throws<DomainException>(() => offer.AddGoal("LEAD", null, 0, AmountKind.Fixed, 0, AmountKind.Fixed)).Reason);
    }
}
