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
/// undecided hits to the worker as one message, so publishing never holds up the next commit. Both are bounded (issue
/// 12.5): a full queue refuses at once, a hit not committed within <c>Ingress:AcceptTimeout</c> is answered unavailable,
/// and past <c>Bus:PublishBacklog</c> committed hits are left to the relay. On SQLite a batch is committed to a staging
/// file without the write gate, and a third loop moves what was staged into the tables before publishing it
/// (<see cref="MoveLoop"/>). See docs/decisions/0001, 0007, 0017 and 0023.
/// </summary>
public sealed partial class IngressLog(IIngressWriter writer, WriteGate gate, IBus bus, IOptions<TrackingOptions> options,
    TrackingMetrics metrics, ILogger<IngressLog> logger) : BackgroundService, IIngressLog
{
    private readonly Channel<Entry> _queue = Channel.CreateBounded<Entry>(
        new BoundedChannelOptions(options.Value.Ingress.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly TimeSpan _acceptTimeout = options.Value.Ingress.AcceptTimeout;
    private readonly Channel<HitsRecorded> _committed = Channel.CreateUnbounded<HitsRecorded>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _maxBatch = options.Value.Ingress.MaxBatch;
    private readonly TimeSpan _publishTimeout = options.Value.Bus.PublishTimeout;
    private readonly TimeSpan _publishLinger = options.Value.Bus.PublishLinger;
    /// <summary>Cancelled once the commit loop has drained at shutdown: publishing then stops retrying.</summary>
    private readonly CancellationTokenSource _stopping = new();

    public async ValueTask AppendHitAsync(Hit hit, CancellationToken ct)
    {
        var entry = new Entry(hit, null, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Enqueue(entry);
        try
        {
            // Not cancelled by the caller: once in a transaction the hit may be committed, and the answer must not say "not
            // recorded" for a hit that was. The deadline alone ends the wait (a database that hangs must not hold requests).
            await entry.Committed!.Task.WaitAsync(_acceptTimeout, CancellationToken.None);
        }
        catch (TimeoutException ex)
        {
            // Still queued: withdrawn, so never written and the 503 is exact. Already in a batch: its commit may still land,
            // and the sender's retry is then a duplicate of the same dedup key (decision 0017).
            entry.Withdraw();
            throw new IngressUnavailableException(ex);
        }
    }

    public ValueTask EnqueueClickAsync(Click click, CancellationToken ct)
    {
        Enqueue(new Entry(null, click, null));
        return ValueTask.CompletedTask;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stopping, what was accepted is committed and moved whatever the worker's backlog (the worker may stop first).
        _draining = true;
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var publishing = Task.Run(PublishCommittedAsync, CancellationToken.None);
        var moving = Task.CompletedTask;
        if (writer.Staged)
        {
            // What an earlier run staged is moved (and its undecided hits published) before the first batch is staged.
            await Task.Factory.StartNew(() => Recover(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            moving = Task.Factory.StartNew(MoveLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        await Task.Factory.StartNew(CommitLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _staged.Writer.TryComplete();
        await moving;
        await _stopping.CancelAsync();
        _committed.Writer.TryComplete();
        await publishing;
        writer.Dispose();
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        _movedSignal.Dispose();
        base.Dispose();
    }

    /// <summary>Runs until the queue is completed and drained, so a graceful stop commits what was accepted.</summary>
    private void CommitLoop()
    {
        var batch = new List<Entry>(_maxBatch);
        while (_queue.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            // Before taking any entry: a request that times out meanwhile is withdrawn, never written, and its 503 exact.
            if (writer.Staged) WaitForRoomToStage();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var entry))
                if (entry.Take()) batch.Add(entry);
            if (batch.Count > 0) Commit(batch);
            batch.Clear();
        }
    }

    /// <summary>Queues a write, or refuses it at once when the queue is full (the database is slower than the traffic) or closed.</summary>
    private void Enqueue(Entry entry)
    {
        if (_queue.Writer.TryWrite(entry)) return;
        throw new IngressUnavailableException(_queue.Reader.Completion.IsCompleted
            ? new ChannelClosedException()
            : new InvalidOperationException($"The ingress queue is full ({_queue.Reader.Count} writes waiting)."));
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
        TimeSpan waited;
        try
        {
            if (writer.Staged)
            {
                // The staging file has no other writer: no gate (decision 0023).
                waited = TimeSpan.Zero;
                writer.Write(hits, clicks);
            }
            else
            {
                using (gate.Enter())
                {
                    waited = Stopwatch.GetElapsedTime(started);
                    writer.Write(hits, clicks);
                }
            }
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            LogBatchFailed(ex, hits.Count, clicks.Count);
            foreach (var e in batch) e.Committed?.TrySetException(new IngressUnavailableException(ex));
            return;
        }
        foreach (var e in batch) e.Committed?.TrySetResult();
        metrics.IngressCommitted(hits.Count, clicks.Count, Stopwatch.GetElapsedTime(started).TotalSeconds, waited.TotalSeconds);
        metrics.HitsRecorded(hits);
        var undecided = hits.Where(h => !h.IsDecided).Select(h => h.Id).ToList();
        // Staged, the hits are published once moved; a batch of decided hits alone still has to be moved.
        if (writer.Staged) Stage(new StagedBatch(undecided.Count > 0 ? new HitsRecorded(undecided) : null, hits.Count + clicks.Count));
        else if (undecided.Count > 0) QueueForPublishing(new HitsRecorded(undecided));
    }

    [LoggerMessage(LogLevel.Error, "Ingress batch of {Hits} hits and {Clicks} clicks failed to commit; its requests were answered 503")]
    private partial void LogBatchFailed(Exception ex, int hits, int clicks);
}
