using Tracking.Domain.Attribution;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;

namespace Tracking.Domain.Tests;

/// <summary>SPEC 4.2 to 4.6 and 4.8, rule by rule, through the worker's use case: which conversion a hit is, and what it reports.</summary>
public sealed class AttributionRuleTests
{
    [Fact]
    public async Task TheDedupKeyPrefersEventIdThenOrderIdThenTheClickForOncePerClickGoals()
    {
        var w = new World();
        var click = w.Click();
        await w.Process(w.Hit(Method.Postback, click.Id, eventId: "E1", orderId: "O1"));
        await w.Process(w.Hit(Method.Postback, click.Id, orderId: "O2"));
        await w.Process(w.Hit(Method.Postback, click.Id, goal: "install"));
        Assert.Equal(["e:E1", "o:O2", "c:" + click.Id], w.Store.Conversions.Select(c => c.DedupKey));
    }

    [Fact]
    public async Task TheSameKeyByTheSameMethodIsADuplicateAndCounted()
    {
        var w = new World();
        var click = w.Click();
        await w.Process(w.Hit(Method.Postback, click.Id, orderId: "O1", amount: 10));
        Assert.Equal(Reasons.Duplicate, await w.Process(w.Hit(Method.Postback, click.Id, orderId: "O1", amount: 10)));
        Assert.Equal(Reasons.Duplicate, await w.Process(w.Hit(Method.Postback, click.Id, orderId: "O1", amount: 10)));
        var conversion = Assert.Single(w.Store.Conversions);
        Assert.Equal(2, conversion.DuplicateCount);
    }

    /// <summary>
    /// The store says how many hits its next unit of work may take (more while no request waits on its writer), and it is
    /// asked again before each one: the hits are still decided in id order, each once.
    /// </summary>
    [Fact]
    public async Task EachUnitOfWorkTakesAsManyHitsAsTheStoreAllowsAtThatMoment()
    {
        var w = new World();
        var click = w.Click();
        var hits = Enumerable.Range(0, 400).Select(i => w.Hit(Method.Postback, click.Id, orderId: $"O{i}")).ToList();
        w.Store.ChunkSizes.Clear();
        w.Store.ChunkSizes.Enqueue(HitProcessor.QuietChunkSize);
        w.Store.ChunkSizes.Enqueue(HitProcessor.ChunkSize);

        await w.Processor.ProcessAsync([.. hits.Select(h => h.Id)], CancellationToken.None);

        Assert.Equal([256, 64, 64, 16], w.Store.Chunks);
        Assert.All(hits, h => Assert.Equal(Reasons.Converted, h.Outcome));
        Assert.Equal(hits.Select(h => "o:" + h.OrderId), w.Store.Conversions.Select(c => c.DedupKey));
    }

    [Fact]
    public async Task ProcessingADecidedHitAgainChangesNothing()
    {
        var w = new World();
        var click = w.Click();
        var hit = w.Hit(Method.Postback, click.Id, orderId: "O1");
        await w.Process(hit);
        Assert.Equal(Reasons.Converted, await w.Process(hit));
        Assert.Equal(0, Assert.Single(w.Store.Conversions).DuplicateCount);
    }

    [Fact]
    public async Task TheOtherMethodMergesAndTheConversionCarriesBoth()
    {
        var w = new World();
        var click = w.Click();
        var pixel = w.Hit(Method.Pixel, click.Id, orderId: "O1", amount: 10);
        await w.Process(pixel);
        w.Time.Advance(TimeSpan.FromSeconds(3));
        var postback = w.Hit(Method.Postback, click.Id, orderId: "O1", amount: 10);
        Assert.Equal(Reasons.Merged, await w.Process(postback));
        var c = Assert.Single(w.Store.Conversions);
        Assert.Equal([Method.Pixel, Method.Postback], c.Methods);
        Assert.Equal((World.T0, World.T0.AddSeconds(3)), (c.PixelAt!.Value, c.PostbackAt!.Value));
        Assert.Equal(MatchKind.Exact, c.Match);
        Assert.Null(c.Discrepancy);
        Assert.Null(c.ReconcileDueAt);
        Assert.Equal(c.Id, pixel.ConversionId);
        Assert.Equal(c.Id, postback.ConversionId);
    }

    [Fact]
    public async Task APostbackWithOnlyTheOrderIdMergesWithAPixelThatAlsoHadAnEventId()
    {
        var w = new World();
        var click = w.Click();
        await w.Process(w.Hit(Method.Pixel, click.Id, orderId: "O1", eventId: "E1"));
        Assert.Equal(Reasons.Merged, await w.Process(w.Hit(Method.Postback, click.Id, orderId: "O1")));
        Assert.Single(w.Store.Conversions);
    }

    [Theory]
    [InlineData(Method.Postback, 12.5)]
    [InlineData(Method.Pixel, 10.0)]
    public async Task TheAuthorityMethodsAmountIsReportedAndA25PercentGapIsAnAmountMismatch(Method authority, double reported)
    {
        var w = new World(authority);
        var click = w.Click();
        await w.Process(w.Hit(Method.Pixel, click.Id, orderId: "O1", amount: 10m));
        await w.Process(w.Hit(Method.Postback, click.Id, orderId: "O1", amount: 12.5m));
        var c = Assert.Single(w.Store.Conversions);
        Assert.Equal((decimal)reported, c.Amount);
        Assert.Equal(Discrepancy.AmountMismatch, c.Discrepancy);
        Assert.Contains("the pixel reported 10 USD, the postback 12.5 USD", c.Explanation);
        Assert.Equal(decimal.Round((decimal)reported * 0.10m, 4), c.Revenue);
    }

    [Fact]
    public async Task AmountsWithinOnePercentAgree()
    {
        var w = new World();
        var click = w.Click();
        await w.Process(w.Hit(Method.Pixel, click.Id, orderId: "O1", amount: 100m));
        await w.Process(w.Hit(Method.Postback, click.Id, orderId: "O1", amount: 100.99m));
        Assert.Null(Assert.Single(w.Store.Conversions).Discrepancy);
    }

    [Fact]
    public async Task DifferentCurrenciesAreACurrencyMismatch()
    {
        var w = new World();
        var click = w.Click();
        await w.Process(w.Hit(Method.Pixel, click.Id, orderId: "O1", amount: 10m, currency: "EUR"));
        await w.Process(w.Hit(Method.Postback, click.Id, orderId: "O1", amount: 10m, currency: "USD"));
        var c = Assert.Single(w.Store.Conversions);
        Assert.Equal(Discrepancy.CurrencyMismatch, c.Discrepancy);
        Assert.Equal("USD", c.Currency);
    }

    [Fact]
    public async Task WithoutKeysAPixelAndAPostbackOfTheSameClickAndGoalWithin48HoursAndEqualAmountsMergeHeuristically()
    {
        var w = new World();
        var click = w.Click();
        await w.Process(w.Hit(Method.Postback, click.Id, amount: 20m));
        w.Time.Advance(TimeSpan.FromHours(47));
        Assert.Equal(Reasons.Merged, await w.Process(w.Hit(Method.Pixel, click.Id, amount: 20.1m)));
        var c = Assert.Single(w.Store.Conversions);
        Assert.Equal(MatchKind.Heuristic, c.Match);
        Assert.Contains("heuristically", c.Explanation);
    }

    [Theory]
    [InlineData(49, 20.0)]
    [InlineData(1, 25.0)]
    public async Task NoHeuristicMatchAfter48HoursOrWithDifferentAmounts(int hours, double pixelAmount)
    {
        var w = new World();
        var click = w.Click();
        await w.Process(w.Hit(Method.Postback, click.Id, amount: 20m));
        w.Time.Advance(TimeSpan.FromHours(hours));
        Assert.Equal(Reasons.Converted, await w.Process(w.Hit(Method.Pixel, click.Id, amount: (decimal)pixelAmount)));
        Assert.Equal(2, w.Store.Conversions.Count);
    }

    [Fact]
    public async Task TwoKeylessPostbacksOfOneClickAreTwoConversions()
    {
        var w = new World();
        var click = w.Click();
        await w.Process(w.Hit(Method.Postback, click.Id, amount: 5m));
        Assert.Equal(Reasons.Converted, await w.Process(w.Hit(Method.Postback, click.Id, amount: 5m)));
        Assert.Equal(2, w.Store.Conversions.Count);
    }

    [Fact]
    public async Task ACookielessPixelIsKeptAndMergedByOrderIdWhenThePostbackComesLater()
    {
        var w = new World();
        var click = w.Click();
        var pixel = w.Hit(Method.Pixel, null, orderId: "O9", amount: 10m);
        Assert.Equal(Reasons.NoClickId, await w.Process(pixel));
        Assert.Empty(w.Store.Conversions);
        var postback = w.Hit(Method.Postback, click.Id, orderId: "O9", amount: 10m);
        Assert.Equal(Reasons.Converted, await w.Process(postback));
        var c = Assert.Single(w.Store.Conversions);
        Assert.Equal([Method.Pixel, Method.Postback], c.Methods);
        Assert.Equal(Reasons.Merged, pixel.Outcome);
        Assert.Equal(c.Id, pixel.ConversionId);
    }

    [Fact]
    public async Task ACookielessPixelMergesByEventIdWhenThePostbackCameFirst()
    {
        var w = new World();
        var click = w.Click();
        await w.Process(w.Hit(Method.Postback, click.Id, eventId: "EV", amount: 10m));
        Assert.Equal(Reasons.Merged, await w.Process(w.Hit(Method.Pixel, null, eventId: "EV", amount: 10m)));
        var c = Assert.Single(w.Store.Conversions);
        Assert.Equal(3, c.AffiliateId);
        Assert.Equal(click.Id, c.ClickId);
    }

    [Fact]
    public async Task APostbackStatusForTheSameKeyChangesTheStatusAndKeepsTheHistory()
    {
        var w = new World(hold: true);
        var click = w.Click();
        await w.Process(w.Hit(Method.Postback, click.Id, orderId: "O1"));
        var c = Assert.Single(w.Store.Conversions);
        Assert.Equal(ConversionStatus.Pending, c.Status);
        Assert.Equal(Reasons.StatusUpdated, await w.Process(w.Hit(Method.Postback, click.Id, orderId: "O1", status: "approved")));
        Assert.Equal(ConversionStatus.Approved, c.Status);
        Assert.Equal([(ConversionStatus?)null, ConversionStatus.Pending], c.History.Select(h => h.From));
        Assert.Equal([ConversionStatus.Pending, ConversionStatus.Approved], c.History.Select(h => h.To));
    }
}
