using Microsoft.Extensions.Options;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Retention;

namespace Tracking.Worker.Jobs;

/// <summary>Prunes old hits every <c>Tracking:Retention:Every</c> (issue 12.8; see <see cref="HitPruner"/>).</summary>
public sealed partial class RetentionJob(HitPruner pruner, IOptions<TrackingOptions> options, TimeProvider time, ILogger<RetentionJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Retention.HitsFor <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(options.Value.Retention.Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await pruner.RunAsync(stoppingToken) is var pruned and > 0) LogPruned(pruned.Value, options.Value.Retention.HitsFor.TotalDays);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Pruned {Count} hits received more than {Days} days ago")]
    private partial void LogPruned(int count, double days);

    [LoggerMessage(LogLevel.Error, "Pruning old hits failed; next try at the next tick")]
    private partial void LogFailed(Exception ex);
}
