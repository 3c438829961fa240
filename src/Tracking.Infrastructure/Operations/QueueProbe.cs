using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tracking.Domain.Common;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Operations;

/// <summary>
/// The queue gauges: how many hits wait for their outcome and how old the oldest is. The hit log is the outbox, so
/// this is the worker's true lag whatever the transport (broker queues hold ids, not the backlog, and a relayed hit is
/// counted once). Read every <c>QueueProbeEvery</c> from the partial index on undecided hits; database-wide, so every
/// process reports the same value.
/// </summary>
public sealed partial class QueueProbe : BackgroundService
{
    private const long Unknown = -1;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly TimeSpan _every;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<QueueProbe> _logger;
    private long _undecided = Unknown;
    private long _oldestTicks;

    public QueueProbe(IServiceScopeFactory scopes, TrackingMetrics metrics, TimeProvider time, IOptions<OperationsOptions> options,
        IHostApplicationLifetime lifetime, ILogger<QueueProbe> logger)
    {
        (_scopes, _time, _every, _lifetime, _logger) = (scopes, time, options.Value.QueueProbeEvery, lifetime, logger);
        metrics.Meter.CreateObservableGauge("tracking.queue.lag", ObserveLag, "s", "Age of the oldest undecided hit (0 when none waits)");
        metrics.Meter.CreateObservableGauge("tracking.queue.undecided", ObserveUndecided, "{hit}", "Hits recorded but not yet decided");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Once every hosted service has started, the schema is there whatever the order of registration.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (_lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(_every, _time);
        do
        {
            try
            {
                await ProbeAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Interlocked.Exchange(ref _undecided, Unknown);
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task ProbeAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var undecided = scope.ServiceProvider.GetRequiredService<TrackingDbContext>().Hits.AsNoTracking().Where(h => h.DecidedAt == null);
        var oldest = await undecided.MinAsync(h => (DateTime?)h.ReceivedAt, ct);
        var count = oldest is null ? 0 : await undecided.CountAsync(ct);
        // Two reads: hits decided between them leave a count of 0 beside an age, and the lag is then 0 as well.
        Interlocked.Exchange(ref _oldestTicks, count == 0 ? 0 : oldest!.Value.Ticks);
        Interlocked.Exchange(ref _undecided, count);
    }

    private IEnumerable<Measurement<double>> ObserveLag()
    {
        if (Interlocked.Read(ref _undecided) == Unknown) yield break;
        var oldest = Interlocked.Read(ref _oldestTicks);
        yield return new(oldest == 0 ? 0 : Math.Max(0, (_time.GetUtcNow().UtcDateTime - new DateTime(oldest, DateTimeKind.Utc)).TotalSeconds));
    }

    private IEnumerable<Measurement<long>> ObserveUndecided()
    {
        var count = Interlocked.Read(ref _undecided);
        if (count != Unknown) yield return new(count);
    }

    [LoggerMessage(LogLevel.Warning, "Reading the undecided hits for the queue gauges failed; next try at the next tick")]
    private partial void LogFailed(Exception ex);
}
