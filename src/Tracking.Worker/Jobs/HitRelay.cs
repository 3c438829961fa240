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
    TimeProvider time, ILogger<HitRelay> logger) : BackgroundService
{
    public const string Lease = "relay";
    private const int Page = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var relayAfter = options.Value.Worker.RelayAfter;
        var inMemory = options.Value.Bus.Transport == BusOptions.InMemory;
        var cutoff = time.GetUtcNow().UtcDateTime - (inMemory ? TimeSpan.Zero : relayAfter);
        var pages = inMemory ? int.MaxValue : 1;
        using var timer = new PeriodicTimer(relayAfter / 2, time);
        do
        {
            try
            {
                await using var lease = await leases.TryAcquireAsync(Lease, relayAfter, stoppingToken);
                if (lease is not null)
                {
                    var relayed = await RelayAsync(cutoff, pages, stoppingToken);
                    if (relayed > 0) LogRelayed(relayed);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
            }
            cutoff = time.GetUtcNow().UtcDateTime - relayAfter;
            pages = 1;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Publishes up to <paramref name="pages"/> pages of undecided hits received before <paramref name="cutoff"/>, oldest first.</summary>
    public async Task<int> RelayAsync(DateTime cutoff, int pages, CancellationToken ct)
    {
        var total = 0;
        var after = "";
        for (var page = 0; page < pages; page++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
            var ids = await db.Hits.AsNoTracking()
                .Where(h => h.DecidedAt == null && h.ReceivedAt < cutoff && string.Compare(h.Id, after) > 0)
                .OrderBy(h => h.Id).Select(h => h.Id).Take(Page).ToListAsync(ct);
            if (ids.Count == 0) return total;
            await bus.Publish(new HitsRecorded(ids), ct);
            total += ids.Count;
            after = ids[^1];
        }
        return total;
    }

    [LoggerMessage(LogLevel.Information, "Relayed {Count} undecided hits to the worker")]
    private partial void LogRelayed(int count);

    [LoggerMessage(LogLevel.Error, "Relaying undecided hits failed; next try at the next tick")]
    private partial void LogFailed(Exception ex);
}
