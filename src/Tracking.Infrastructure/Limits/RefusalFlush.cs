using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Limits;

/// <summary>
/// Writes the counts of refused requests (<see cref="RefusalLog"/>) every <c>RateLimits:FlushEvery</c> and once more when the
/// process stops; deletes rows older than <c>RateLimits:KeepFor</c> once an hour. A failed write is logged and its counts
/// are lost (they are telemetry, kept in the metric too), so a database outage cannot grow them in memory.
/// </summary>
public sealed partial class RefusalFlush(RefusalLog log, IServiceScopeFactory scopes, WriteGate gate, IOptions<TrackingOptions> options,
    TimeProvider time, ILogger<RefusalFlush> logger) : BackgroundService
{
    private DateTime _pruned;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RateLimits.FlushEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        var rows = log.Drain();
        var now = time.GetUtcNow().UtcDateTime;
        var prune = now - _pruned > TimeSpan.FromHours(1);
        if (rows.Count == 0 && !prune) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
            using var _ = await gate.EnterAsync(ct);
            if (rows.Count > 0)
            {
                db.RefusedRequests.AddRange(rows);
                await db.SaveChangesAsync(ct);
            }
            if (prune)
            {
                var before = now - options.Value.RateLimits.KeepFor;
                await db.RefusedRequests.Where(r => r.Minute < before).ExecuteDeleteAsync(ct);
                _pruned = now;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogFailed(ex, rows.Sum(r => r.Count));
        }
    }

    [LoggerMessage(LogLevel.Warning, "The counts of {Count} rate-limited requests could not be written")]
    private partial void LogFailed(Exception ex, long count);
}
