using Microsoft.Extensions.Options;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Attribution;

namespace Tracking.Worker.Jobs;

/// <summary>Runs the reconciliation sweep (SPEC 4.7) every <c>ReconcileEvery</c>, unless another worker is running it.</summary>
public sealed partial class ReconciliationJob(ReconciliationRunner runner, IOptions<TrackingOptions> options, TimeProvider time,
    ILogger<ReconciliationJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Worker.ReconcileEvery, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Another worker sweeping right now is not a failure: it does the work of this tick.
                if (await runner.TryRunAsync(stoppingToken) is int flagged and > 0) LogFlagged(flagged);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Reconciliation flagged {Count} one-method conversions")]
    private partial void LogFlagged(int count);

    [LoggerMessage(LogLevel.Error, "Reconciliation sweep failed; next try at the next tick")]
    private partial void LogFailed(Exception ex);
}
