using Tracking.Domain.Attribution;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Reconciliation;

namespace Tracking.Domain.Tests;

/// <summary>SPEC 4.7: one-method conversions of a <c>both</c> offer are flagged after the grace period, with the evidence.</summary>
public sealed class ReconciliationTests
{
    private static async Task<Conversion> OneMethod(World w, Method method)
    {
        var click = w.Click();
        await w.Process(w.Hit(method, click.Id, orderId: "O1", amount: 10m));
        return Assert.Single(w.Store.Conversions);
    }

    [Fact]
    public async Task AOneMethodConversionIsDueAfterTheGracePeriodOnlyWhenTheOfferExpectsBoth()
    {
        var both = new World();
        Assert.Equal(World.T0.AddMinutes(60), (await OneMethod(both, Method.Postback)).ReconcileDueAt);
        var postbackOnly = new World(expected: Catalog.ExpectedMethods.Postback);
        Assert.Null((await OneMethod(postbackOnly, Method.Postback)).ReconcileDueAt);
    }

    [Fact]
    public async Task FlaggingSaysWhichMethodIsMissing()
    {
        var w = new World();
        var c = await OneMethod(w, Method.Postback);
        c.FlagOneMethod("why", World.T0.AddHours(2));
        Assert.Equal(Discrepancy.PostbackOnly, c.Discrepancy);
        Assert.Null(c.ReconcileDueAt);
        var p = await OneMethod(new World(), Method.Pixel);
        p.FlagOneMethod("why", World.T0.AddHours(2));
        Assert.Equal(Discrepancy.PixelOnly, p.Discrepancy);
    }

    [Fact]
    public async Task ALateSecondMethodClearsTheFlagAndSaysItWasLate()
    {
        var w = new World();
        var c = await OneMethod(w, Method.Postback);
        c.FlagOneMethod("why", World.T0.AddHours(2));
        w.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(Reasons.Merged, await w.Process(w.Hit(Method.Pixel, c.ClickId, orderId: "O1", amount: 10m)));
        Assert.Null(c.Discrepancy);
        Assert.Equal("the pixel arrived 3 h after the postback, after the reconciliation grace period", c.Explanation);
    }

    [Fact]
    public async Task ARejectedPostbackForTheClickIsTheExplanation()
    {
        var c = await OneMethod(new World(), Method.Pixel);
        var e = new Evidence([new HitTrace(Method.Postback, World.T0, Reasons.TokenInvalid, "purchase", c.ClickId, "O1", null, null)], [], 1);
        Assert.Equal("a postback for this click was rejected: token_invalid (flagged after the 60 min grace period)",
            Explanations.ForOneMethod(c, e, TimeSpan.FromHours(1), World.T0.AddHours(2)));
    }

    [Fact]
    public async Task ACookielessPixelNearThePostbackIsTheExplanation()
    {
        var c = await OneMethod(new World(), Method.Postback);
        var e = new Evidence([], [new HitTrace(Method.Pixel, World.T0.AddSeconds(3), Reasons.NoClickId, "purchase", null, null, null, null)], 1);
        Assert.Equal("a pixel hit for this offer arrived 3 s after the postback without a click cookie, without order_id or event_id (flagged after the 24 h grace period)",
            Explanations.ForOneMethod(c, e, TimeSpan.FromHours(24), World.T0.AddDays(1)));
    }

    [Fact]
    public async Task APixelForAnotherGoalIsTheExplanation()
    {
        var c = await OneMethod(new World(), Method.Postback);
        var e = new Evidence([new HitTrace(Method.Pixel, World.T0, Reasons.Converted, "lead", c.ClickId, null, null, "other")], [], 1);
        Assert.StartsWith("a pixel for this click arrived for goal 'lead', not 'purchase'", Explanations.ForOneMethod(c, e, TimeSpan.FromHours(1), World.T0));
    }

    [Fact]
    public async Task WithoutEvidenceTheExplanationSaysNothingArrived()
    {
        var postbackOnly = await OneMethod(new World(), Method.Postback);
        Assert.StartsWith("no pixel hit for this offer since the click", Explanations.ForOneMethod(postbackOnly, new Evidence([], [], 0), TimeSpan.FromHours(1), World.T0));
        Assert.StartsWith("2 pixel hit(s) for this offer arrived since the click, none for this click",
            Explanations.ForOneMethod(postbackOnly, new Evidence([], [], 2), TimeSpan.FromHours(1), World.T0));
        var pixelOnly = await OneMethod(new World(), Method.Pixel);
        Assert.StartsWith("no postback for this click in the 25 h since the pixel",
            Explanations.ForOneMethod(pixelOnly, new Evidence([], [], 0), TimeSpan.FromHours(1), World.T0.AddHours(25)));
    }

    [Fact]
    public async Task TheSweepFlagsOnlyDueConversions()
    {
        var w = new World();
        var c = await OneMethod(w, Method.Postback);
        var store = new SweepStore(w.Store);
        var reconciler = new Reconciler(store, new FixedCatalog(w.Offer), w.Time, w.Metrics);
        Assert.Equal(0, await reconciler.RunAsync(CancellationToken.None));
        w.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, await reconciler.RunAsync(CancellationToken.None));
        Assert.Equal(Discrepancy.PostbackOnly, c.Discrepancy);
        Assert.Equal(0, await reconciler.RunAsync(CancellationToken.None));
    }

    private sealed class SweepStore(ListStore store) : IReconciliationStore
    {
        public Task<IReadOnlyList<Conversion>> FindDueAsync(DateTime now, int limit, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<Conversion>>(store.Conversions.Where(c => c.ReconcileDueAt <= now).Take(limit).ToList());
        public Task<Evidence> GatherAsync(Conversion conversion, CancellationToken ct) => Task.FromResult(new Evidence([], [], 0));
        public Task SaveAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
