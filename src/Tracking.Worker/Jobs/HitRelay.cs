using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Messaging;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Worker.Jobs;

/// <summary>
/// The hit log is the outbox: each tick publishes the oldest page of hits left undecided for longer than <c>RelayAfter</c>
/// (a publish lost to a crash or a broker outage, a message that exhausted its retries). One page per tick: under a
/// backlog the hits are only slow, and republishing all of them would double the queue. With the in-memory transport
/// every undecided hit is published at start as well, because the bus lost whatever it held; RabbitMQ keeps its
/// messages, so there a restarted worker does not flood the queue. Ticks hold the <c>relay</c> lease, so several
/// workers do not publish the same page. Deciding a hit twice is impossible, so a republished hit costs a no-op.
/// </summary>
public sealed partial class HitRelay(IServiceScopeFactory scopes, IBus bus, DatabaseLeases leases, IOptions<TrackingOptions> options,
    TimeProvider time, ILogger<HitRelay> logger) : OutboxSweep<HitsRecorded>(scopes, bus, time)
{
    public const string Lease = "relay";

    protected override TimeSpan After => options.Value.Worker.RelayAfter;

    protected override (TimeSpan Age, int Pages) FirstRound =>
        options.Value.Bus.Transport == BusOptions.InMemory ? (TimeSpan.Zero, int.MaxValue) : (After, 1);

    protected override async Task<int> RoundAsync(DateTime cutoff, int pages, CancellationToken ct)
    {
        await using var lease = await leases.TryAcquireAsync(Lease, After, ct);
        return lease is null ? 0 : await SweepAsync(cutoff, pages, ct);
    }

    protected override IQueryable<string> Due(TrackingDbContext db, DateTime cutoff) =>
        db.Hits.AsNoTracking().Where(h => h.DecidedAt == null && h.ReceivedAt < cutoff).Select(h => h.Id);

    protected override HitsRecorded Message(IReadOnlyList<string> ids) => new(ids);

    [LoggerMessage(LogLevel.Information, "Relayed {Count} undecided hits to the worker")]
    protected override partial void LogSwept(int count);

    [LoggerMessage(LogLevel.Error, "Relaying undecided hits failed; next try at the next tick")]
    protected override partial void LogFailed(Exception ex);
}
