using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Forwarding;

namespace Tracking.Worker.Jobs;

/// <summary>
/// Sends due deliveries (SPEC 5). Claims as many as it has free slots (<c>Concurrency</c>), never more in flight for one
/// host than <c>ConnectionsPerHost</c>, and claims again as soon as a slot frees, so a slow partner only ever holds its
/// own share of slots. Several worker processes can run it on one database: a claim is a lease in the database.
/// </summary>
public sealed partial class DeliveryDispatcher(DeliveryQueue queue, DeliverySender sender, IOptions<TrackingOptions> options,
    ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, int> _perHost = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _freed = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value.Forwarding;
        if (!o.Enabled) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var free = o.Concurrency - _running.Count;
                var claimed = 0;
                try
                {
                    if (free > 0) claimed = await ClaimAndStartAsync(free, o.ConnectionsPerHost, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogClaimFailed(ex);
                }
                // Claim again at once while there is work and room; otherwise wait for a slot to free or for the next poll.
                if (claimed == 0 || claimed == free)
                {
                    await _freed.WaitAsync(o.PollInterval, stoppingToken);
                    while (_freed.CurrentCount > 0) _freed.Wait(0, CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the attempts under way finish below.
        }
        await Task.WhenAll(_running.Values);
    }

    private async Task<int> ClaimAndStartAsync(int free, int perHost, CancellationToken ct)
    {
        var busy = _perHost.Where(h => h.Value >= perHost).Select(h => h.Key).ToList();
        var batch = await queue.ClaimAsync(free, host => perHost - _perHost.GetValueOrDefault(host), busy, ct);
        foreach (var delivery in batch)
        {
            _perHost.AddOrUpdate(delivery.Host, 1, (_, n) => n + 1);
            // Registered before it starts, so that its own removal can never come first and leak a slot.
            var send = new Task<Task>(() => SendAsync(delivery));
            _running[delivery.Id] = send.Unwrap();
            send.Start(TaskScheduler.Default);
        }
        return batch.Count;
    }

    /// <summary>One attempt, logged. Not cancelled by shutdown: the timeout bounds it, and an attempt sent must be recorded.</summary>
    private async Task SendAsync(ClaimedDelivery delivery)
    {
        try
        {
            var result = await sender.SendAsync(delivery, CancellationToken.None);
            if (!await queue.RecordAsync(delivery, result, CancellationToken.None)) LogLeaseLost(delivery.Id);
        }
        catch (Exception ex)
        {
            // The lease runs out and another claim tries again; the attempt may be sent twice, never lost.
            LogSendFailed(ex, delivery.Id);
        }
        finally
        {
            _perHost.AddOrUpdate(delivery.Host, 0, (_, n) => n - 1);
            _running.TryRemove(delivery.Id, out _);
            _freed.Release();
        }
    }

    [LoggerMessage(LogLevel.Error, "Claiming due deliveries failed; next try at the next poll")]
    private partial void LogClaimFailed(Exception ex);

    [LoggerMessage(LogLevel.Warning, "Delivery {Id}: its lease ran out before the attempt was logged; another worker holds it now")]
    private partial void LogLeaseLost(string id);

    [LoggerMessage(LogLevel.Error, "Delivery {Id}: logging the attempt failed; it is tried again when its lease runs out")]
    private partial void LogSendFailed(Exception ex, string id);
}
