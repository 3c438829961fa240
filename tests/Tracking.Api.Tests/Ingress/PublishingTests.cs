using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Domain.Attribution;
using Tracking.Domain.Common;
using Tracking.Infrastructure.Messaging;

namespace Tracking.Api.Tests.Ingress;

/// <summary>
/// How committed hits reach the worker (<c>Bus:PublishLinger</c>): postbacks sent one after the other each commit alone,
/// and the publishing loop gathers them into one message instead of one per commit, so the worker pays one unit of
/// work for them; a burst is still split into messages of a few chunks each.
/// </summary>
public sealed class PublishingTests
{
    private const int Postbacks = 10;

    [Fact]
    public async Task HitsCommittedOneByOneReachTheWorkerGatheredInAFewMessages()
    {
        var (messages, hits) = await SendOneByOneAsync("00:00:01");
        // Within the 1 s linger they make one message; a slow machine may split them once or twice.
        Assert.InRange(messages.Count, 1, 3);
        Assert.Equal(hits.Order(StringComparer.Ordinal), messages.SelectMany(m => m).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ABurstIsMergedIntoMessagesOfAtMostFourChunks()
    {
        const int burst = 5 * HitProcessor.ChunkSize;
        await using var app = new TrackingApp().With("Tracking:Bus:PublishLinger", "00:00:01");
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        var consumed = new Consumed();
        using var _ = app.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(consumed);

        // 16 senders at once: each commit holds up to 16 hits, and the loop merges commits up to four chunks a message.
        var hits = new ConcurrentBag<string>();
        await Parallel.ForAsync(0, burst, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = TestContext.Current.CancellationToken },
            async (i, _) => hits.Add(await (await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=B{i}&token={s.Token}")).HitIdAsync()));
        await app.AllDecided();
        var messages = await Eventually.Until(() => Task.FromResult(consumed.Messages.ToList()),
            m => m.Sum(ids => ids.Count) >= burst, what: "the consumed messages");

        Assert.All(messages, m => Assert.InRange(m.Count, 1, 4 * HitProcessor.ChunkSize));
        Assert.InRange(messages.Count, 2, burst / 2);
        Assert.Equal(hits.Order(StringComparer.Ordinal), messages.SelectMany(m => m).Order(StringComparer.Ordinal));
    }

    /// <summary>Sends the postbacks one after the other (each waits for its own commit) and returns the messages the worker consumed.</summary>
    private static async Task<(List<IReadOnlyList<string>> Messages, List<string> Hits)> SendOneByOneAsync(string linger)
    {
        await using var app = new TrackingApp().With("Tracking:Bus:PublishLinger", linger);
        var s = await app.OfferAsync();
        var client = app.Public();
        var clicks = new List<string>();
        for (var i = 0; i <= Postbacks; i++) clicks.Add((await client.ClickAsync(s)).ClickId);
        // One hit decided first, so the worker's first message (its code compiled, its caches filled) is not among them.
        await app.Decided(await (await client.PostbackAsync($"click_id={clicks[Postbacks]}&goal=purchase&token={s.Token}")).HitIdAsync());
        var consumed = new Consumed();
        using var _ = app.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(consumed);

        var hits = new List<string>();
        for (var i = 0; i < Postbacks; i++)
            hits.Add(await (await client.PostbackAsync($"click_id={clicks[i]}&goal=purchase&order_id=P{i}&token={s.Token}")).HitIdAsync());
        var decided = await app.Decided([.. hits]);
        Assert.All(decided, h => Assert.Equal(Reasons.Converted, h.Outcome));
        // The consumer returns (and the observer hears of it) just after its commit.
        // (The first hit's message may be heard of after the observer was connected: it is left out.)
        var messages = await Eventually.Until(() => Task.FromResult(consumed.Messages.Where(m => m.Any(hits.Contains)).ToList()),
            m => m.Sum(ids => ids.Count) >= Postbacks, what: "the consumed messages");
        return (messages, hits);
    }

    private sealed class Consumed : IConsumeMessageObserver<HitsRecorded>
    {
        public ConcurrentQueue<IReadOnlyList<string>> Messages { get; } = new();

        public Task PreConsume(ConsumeContext<HitsRecorded> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<HitsRecorded> context)
        {
            Messages.Enqueue(context.Message.HitIds);
            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<HitsRecorded> context, Exception exception) => Task.CompletedTask;
    }
}
