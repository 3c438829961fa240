using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Clicks;

namespace Tracking.Api.Tests.Ingress;

/// <summary>
/// Decision 0023 through the real host on a SQLite file: while the worker inside has <c>Ingress:MaxUndecided</c> hits
/// to decide, staged hits are held back and, a few batches later, ingress itself waits and answers 503; a worker that
/// decides none of its backlog for 5 s is not waited for, so ingress goes on and every acknowledged hit reaches the table.
/// </summary>
public sealed class StagedBacklogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IngressWaitsWhileTheWorkerIsBehindAndGoesOnWhenTheWorkerStalls()
    {
        await using var app = new TrackingApp()
            .With("Tracking:Ingress:MaxUndecided", "10")
            .With("Tracking:Ingress:MaxBatch", "2")
            .With("Tracking:Ingress:AcceptTimeout", "00:00:00.500");
        var s = await app.OfferAsync();
        var codec = (ClickIdCodec)app.Services.GetService(typeof(ClickIdCodec))!;
        var client = app.Public();
        // Genuine click ids whose clicks were never stored, clicked just now: the worker waits for each click (SPEC 4.1,
        // up to a minute), so these hits stay undecided and the worker makes no progress.
        async Task<HttpStatusCode> PostbackAsync(int i) =>
            (await client.PostbackAsync($"click_id={codec.Create(s.OfferId, s.AffiliateId, DateTime.UtcNow)}&order_id=o{i}&token={s.Token}")).StatusCode;

        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, await PostbackAsync(i));
        await Eventually.Until(() => UndecidedAsync(app), n => n == 10, TimeSpan.FromSeconds(30), "the first ten hits moved into the table");

        // Over the bound: the next hits stay staged; once MaxBatch rows are staged (2 here: two hits, a batch each), the
        // commit loop waits for the mover, and requests are refused once their accept timeout passes.
        var stalled = Stopwatch.StartNew();
        var answers = new List<HttpStatusCode>();
        for (var i = 10; i < 16; i++) answers.Add(await PostbackAsync(i));
        Assert.True(stalled.Elapsed < TimeSpan.FromSeconds(5), $"the stall was detected before the test looked: {stalled.Elapsed}");
        Assert.Equal(10, await UndecidedAsync(app));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], answers.Take(2));
        Assert.All(answers.Skip(2), a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a));

        // The worker decided none of them for 5 s: the mover stops waiting for it, moves what was staged, and ingress goes on.
        await Eventually.Until(() => UndecidedAsync(app), n => n == 12, TimeSpan.FromSeconds(30), "the staged hits moved once the worker was seen stalled");
        Assert.Equal(HttpStatusCode.OK, await PostbackAsync(100));
        await Eventually.Until(() => UndecidedAsync(app), n => n == 13, TimeSpan.FromSeconds(30), "a new hit moved while the worker is still stalled");
    }

    private static Task<int> UndecidedAsync(TrackingApp app) => app.WithDb(db => db.Hits.CountAsync(h => h.DecidedAt == null, Ct));
}
