using Microsoft.Extensions.Options;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Conversions;

namespace Tracking.Worker.Jobs;

/// <summary>
/// Approves held conversions whose hold period is over (issue 11.4) every <c>HoldEvery</c>. Every worker runs it: two
/// workers that read the same conversion approve it once (see <see cref="HoldRunner"/>).
/// </summary>
public sealed partial class HoldJob(HoldRunner runner, IOptions<TrackingOptions> options, TimeProvider time, ILogger<HoldJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Worker.HoldEvery, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await runner.RunAsync(stoppingToken) is var approved and > 0) LogApproved(approved);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Approved {Count} held conversions whose hold period was over")]
    private partial void LogApproved(int count);

    [LoggerMessage(LogLevel.Error, "The hold job failed; next try at the next tick")]
    private partial void LogFailed(Exception ex);
}
