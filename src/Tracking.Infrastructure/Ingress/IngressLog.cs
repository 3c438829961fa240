using System.Diagnostics;
using System.Threading.Channels;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tracking.Domain.Attribution;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Messaging;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Ingress;

/// <summary>
/// Group commit for the hot paths: every hit and click waits in one queue; a single loop on a thread of its own (the
/// writes block, and must not take one of the few thread-pool threads that serve requests) commits whatever has
/// gathered in one transaction and answers the waiting requests. A second loop publishes each committed batch's
/// undecided hits to the worker as one message, so publishing never holds up the next commit. See docs/decisions/0001
/// and 0007.
/// </summary>
public sealed partial class IngressLog(IIngressWriter writer, WriteGate gate, IBus bus, IOptions<TrackingOptions> options,
    TrackingMetrics metrics, ILogger<IngressLog> logger) : BackgroundService, IIngressLog
{
    private readonly Channel<Entry> _queue = Channel.CreateBounded<Entry>(
        new BoundedChannelOptions(options.Value.Ingress.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Channel<HitsRecorded> _committed = Channel.CreateUnbounded<HitsRecorded>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _maxBatch = options.Value.Ingress.MaxBatch;
    private readonly TimeSpan _publishTimeout = options.Value.Bus.PublishTimeout;
    private static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(15);
    /// <summary>Cancelled once the commit loop has drained at shutdown: publishing then stops retrying.</summary>
    private readonly CancellationTokenSource _stopping = new();
    private const int MaxPublishBatch = 64;

    private sealed record Entry(Hit? Hit, Click? Click, TaskCompletionSource? Committed);

    public async ValueTask AppendHitAsync(Hit hit, CancellationToken ct)
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await EnqueueAsync(new Entry(hit, null, committed), ct);
        // Not cancellable once queued: the hit may already be in a transaction, and the answer must tell the truth.
        await committed.Task;
    }

    public ValueTask EnqueueClickAsync(Click click, CancellationToken ct) => EnqueueAsync(new Entry(null, click, null), ct);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var publishing = Task.Run(PublishCommittedAsync, CancellationToken.None);
        await Task.Factory.StartNew(CommitLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await _stopping.CancelAsync();
        _committed.Writer.TryComplete();
        await publishing;
        writer.Dispose();
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    /// <summary>Runs until the queue is completed and drained, so a graceful stop commits what was accepted.</summary>
    private void CommitLoop()
    {
        var batch = new List<Entry>(_maxBatch);
        while (_queue.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var entry)) batch.Add(entry);
            Commit(batch);
            batch.Clear();
        }
    }

    private async ValueTask EnqueueAsync(Entry entry, CancellationToken ct)
    {
        try
        {
            await _queue.Writer.WriteAsync(entry, ct);
        }
        catch (ChannelClosedException ex)
        {
            throw new IngressUnavailableException(ex);
        }
    }

    private void Commit(List<Entry> batch)
    {
        var hits = new List<Hit>(batch.Count);
        var clicks = new List<Click>();
        foreach (var e in batch)
        {
            if (e.Hit is not null) hits.Add(e.Hit);
            if (e.Click is not null) clicks.Add(e.Click);
        }
        using var activity = TrackingMetrics.Source.StartActivity("ingress commit");
        activity?.SetTag("tracking.hits", hits.Count).SetTag("tracking.clicks", clicks.Count);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using (gate.Enter())
                writer.Write(hits, clicks);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            LogBatchFailed(ex, hits.Count, clicks.Count);
            foreach (var e in batch) e.Committed?.TrySetException(new IngressUnavailableException(ex));
            return;
        }
        foreach (var e in batch) e.Committed?.TrySetResult();
        metrics.IngressCommitted(hits.Count, clicks.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
        metrics.HitsRecorded(hits);
        var undecided = hits.Where(h => !h.IsDecided).Select(h => h.Id).ToList();
        if (undecided.Count > 0) _committed.Writer.TryWrite(new HitsRecorded(undecided));
    }

    /// <summary>
    /// Takes every committed batch waiting and publishes them together (concurrently, each confirmed by the broker), so a
    /// slow confirm never serialises the batches behind it. A publish that fails or outlasts <c>Bus:PublishTimeout</c>
    /// (the broker restarting, say) is tried again, with waits doubling from 1 s to 15 s, while later batches wait behind
    /// it; so a broker outage delays the worker but costs no relay round. Only at shutdown is a failed publish left to the
    /// relay: its hits are committed, and the hit log is the outbox. A batch published twice is harmless (deciding is idempotent).
    /// </summary>
    private async Task PublishCommittedAsync()
    {
        var waiting = new List<HitsRecorded>();
        var retryIn = TimeSpan.Zero;
        while (waiting.Count > 0 || await _committed.Reader.WaitToReadAsync())
        {
            while (waiting.Count < MaxPublishBatch && _committed.Reader.TryRead(out var message)) waiting.Add(message);
            try
            {
                using var timeout = new CancellationTokenSource(_publishTimeout);
                await bus.PublishBatch(waiting, timeout.Token);
                waiting.Clear();
                retryIn = TimeSpan.Zero;
            }
            catch (Exception ex)
            {
                var hits = waiting.Sum(m => m.HitIds.Count);
                if (_stopping.IsCancellationRequested)
                {
                    LogPublishAbandoned(ex, hits);
                    waiting.Clear();
                    continue;
                }
                retryIn = retryIn == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(retryIn.Ticks * 2, MaxRetryWait.Ticks));
                LogPublishFailed(ex, hits, retryIn.TotalSeconds);
                try
                {
                    await Task.Delay(retryIn, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: one last try, then the relay.
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "Ingress batch of {Hits} hits and {Clicks} clicks failed to commit; its requests were answered 503")]
    private partial void LogBatchFailed(Exception ex, int hits, int clicks);

    [LoggerMessage(LogLevel.Warning, "Publishing {Count} committed hits failed; trying again in {Seconds} s")]
    private partial void LogPublishFailed(Exception ex, int count, double seconds);

    [LoggerMessage(LogLevel.Warning, "Publishing {Count} committed hits failed while stopping; the relay will publish them again")]
    private partial void LogPublishAbandoned(Exception ex, int count);
}

/// <summary>The hit could not be recorded durably: the caller must not be told it was accepted.</summary>
public sealed class IngressUnavailableException(Exception inner) : Exception("The hit log is unavailable.", inner);
