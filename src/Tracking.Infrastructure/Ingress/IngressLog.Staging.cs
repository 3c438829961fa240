using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tracking.Domain.Attribution;
using Tracking.Domain.Common;
using Tracking.Infrastructure.Messaging;

namespace Tracking.Infrastructure.Ingress;

/// <summary>
/// The mover of a staged ingress log (SQLite, decision 0023): batches are committed to the staging file by the commit loop
/// and answered at once; this loop then copies them into <c>hits</c> and <c>clicks</c> under the write gate, and only then
/// hands their undecided hits to the publishing loop, so the worker never looks for a hit that is not in the table yet.
/// </summary>
public sealed partial class IngressLog
{
    /// <summary>Staged batches not moved yet.</summary>
    private readonly Channel<StagedBatch> _staged = Channel.CreateUnbounded<StagedBatch>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    /// <summary>Rows staged and not moved yet: the commit loop adds, the mover subtracts.</summary>
    private long _stagedRows;
    private readonly SemaphoreSlim _movedSignal = new(0);
    /// <summary><c>Ingress:MaxUndecided</c> when the worker is in this process; 0 (no bound) otherwise.</summary>
    private readonly int _maxUndecided = options.Value.WorkerInsideApi ? options.Value.Ingress.MaxUndecided : 0;
    /// <summary>
    /// Rows the staging file may hold not moved before commits wait for the mover (at most <c>Ingress:MaxBatch</c>). A
    /// held-back mover then paces ingress in steps of a few chunks of the worker, not in long stalls.
    /// </summary>
    private readonly long _stagedLimit = Math.Min(options.Value.Ingress.MaxBatch, 4 * HitProcessor.ChunkSize);
    private volatile bool _draining;
    /// <summary>The last count of undecided hits plus every row moved since: at least as many as there are (mover only).</summary>
    private long _undecidedAtMost = long.MaxValue;
    private long _stalledCheckedAt;
    /// <summary>The worker decided nothing for <see cref="StalledAfter"/> while over the bound: not waited for until below it.</summary>
    private bool _workerStalled;
    private static readonly TimeSpan StalledAfter = TimeSpan.FromSeconds(5);
    private long _holdingLoggedAt = Stopwatch.GetTimestamp() - Stopwatch.Frequency * 120;
    /// <summary>Failed moves in a row after which a stopping process gives up: what is staged is moved at the next start.</summary>
    private const int MovesTriedAtStop = 3;

    /// <summary>A committed batch: its undecided hits (none for a batch of decided hits alone) and its rows.</summary>
    private sealed record StagedBatch(HitsRecorded? Message, int Rows);

    private void Stage(StagedBatch batch)
    {
        Interlocked.Add(ref _stagedRows, batch.Rows);
        _staged.Writer.TryWrite(batch);
    }

    /// <summary>
    /// While <see cref="_stagedLimit"/> rows are staged and not moved (the mover holds them back because the
    /// worker is <c>Ingress:MaxUndecided</c> hits behind, or its moves fail), the commit loop waits for it before taking
    /// more: requests wait in the queue, and one not taken into a batch within <c>Ingress:AcceptTimeout</c> is answered
    /// unavailable, as when the database itself is slower than the traffic.
    /// </summary>
    private void WaitForRoomToStage()
    {
        while (!_draining && Interlocked.Read(ref _stagedRows) >= _stagedLimit) _movedSignal.Wait(50);
    }

    /// <summary>
    /// Holds staged rows back while the worker has <c>Ingress:MaxUndecided</c> hits or more to decide and is deciding them.
    /// A worker that decides none for <see cref="StalledAfter"/> (stuck, or failing) is not waited for until its backlog is
    /// below the bound again: a broken worker must not stop ingress, whose hits are kept for it either way.
    /// </summary>
    private void WaitForTheWorker()
    {
        // Counted only when the bound may have been reached: the count can only have grown by what was moved since.
        if (_maxUndecided <= 0 || _undecidedAtMost < _maxUndecided) return;
        // A stalled worker's backlog may be large, and counting it takes longer: once a second is enough to see it recover.
        if (_workerStalled && Stopwatch.GetElapsedTime(_stalledCheckedAt) < TimeSpan.FromSeconds(1)) return;
        _stalledCheckedAt = Stopwatch.GetTimestamp();
        var lowest = long.MaxValue;
        var since = Stopwatch.GetTimestamp();
        long undecided;
        while (!_draining && (_undecidedAtMost = undecided = writer.CountUndecided()) >= _maxUndecided)
        {
            if (_workerStalled) return;
            if (undecided < lowest) (lowest, since) = (undecided, Stopwatch.GetTimestamp());
            else if (Stopwatch.GetElapsedTime(since) > StalledAfter)
            {
                LogWorkerStalled(undecided, StalledAfter.TotalSeconds);
                _workerStalled = true;
                return;
            }
            // Logged once a minute at most: under a sustained overload the mover holds and releases many times a second.
            if (Stopwatch.GetElapsedTime(_holdingLoggedAt) > TimeSpan.FromMinutes(1))
            {
                LogHolding(_maxUndecided);
                _holdingLoggedAt = Stopwatch.GetTimestamp();
            }
            Thread.Sleep(10);
        }
        _workerStalled = false;
    }

    /// <summary>
    /// Moves what an earlier run staged, and publishes its undecided hits (they may never have been): tried until it
    /// succeeds, or the host stops. Runs before the first batch, so the commit loop waits for it.
    /// </summary>
    private void Recover(CancellationToken stopping)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                IReadOnlyList<string> leftover;
                using (gate.Enter()) leftover = writer.Move();
                if (leftover.Count > 0) LogRecovered(leftover.Count);
                foreach (var chunk in leftover.Chunk(MessageHits)) QueueForPublishing(new HitsRecorded(chunk));
                return;
            }
            catch (Exception ex)
            {
                LogMoveFailed(ex, failures);
                if (stopping.WaitHandle.WaitOne(RetryWait(failures))) return;
            }
        }
    }

    /// <summary>
    /// Takes every staged batch waiting, moves them in one transaction, and queues their undecided hits for publishing. A
    /// failed move is tried again, with the batches staged since, after a wait; the rows stay staged meanwhile, durably.
    /// Runs until the commit loop has stopped and everything it staged is moved (or, stopping, the moves keep failing).
    /// </summary>
    private void MoveLoop()
    {
        var moved = new List<HitsRecorded>();
        var rows = 0;
        var pending = false;
        var failures = 0;
        while (pending || _staged.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            while (_staged.Reader.TryRead(out var batch))
            {
                pending = true;
                rows += batch.Rows;
                if (batch.Message is not null) moved.Add(batch.Message);
            }
            if (!pending) continue;
            using var activity = TrackingMetrics.Source.StartActivity("ingress move");
            var started = Stopwatch.GetTimestamp();
            IReadOnlyList<string> leftover;
            try
            {
                WaitForTheWorker();
                using (gate.Enter()) leftover = writer.Move();
            }
            catch (Exception ex)
            {
                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                LogMoveFailed(ex, ++failures);
                if (_staged.Reader.Completion.IsCompleted && failures >= MovesTriedAtStop)
                {
                    LogMoveAbandoned(moved.Sum(m => m.HitIds.Count));
                    return;
                }
                Thread.Sleep(RetryWait(failures));
                continue;
            }
            metrics.IngressMoved(Stopwatch.GetElapsedTime(started).TotalSeconds);
            (pending, failures) = (false, 0);
            Interlocked.Add(ref _stagedRows, -rows);
            _undecidedAtMost = _undecidedAtMost == long.MaxValue ? long.MaxValue : _undecidedAtMost + rows;
            rows = 0;
            if (_movedSignal.CurrentCount == 0) _movedSignal.Release();
            foreach (var batch in moved) QueueForPublishing(batch);
            moved.Clear();
            // Only when the recovery before the first batch gave up (the host was stopping): what an earlier run staged.
            foreach (var chunk in leftover.Chunk(MessageHits)) QueueForPublishing(new HitsRecorded(chunk));
        }
    }

    private static TimeSpan RetryWait(int failures) => TimeSpan.FromSeconds(Math.Min(1 << Math.Min(failures - 1, 4), MaxRetryWait.TotalSeconds));

    [LoggerMessage(LogLevel.Error, "Moving staged ingress batches into the hits table failed ({Failures} in a row); they stay staged and are moved again")]
    private partial void LogMoveFailed(Exception ex, int failures);

    [LoggerMessage(LogLevel.Warning, "Stopping with staged ingress batches not moved ({Hits} undecided hits); they are moved and published at the next start")]
    private partial void LogMoveAbandoned(int hits);

    [LoggerMessage(LogLevel.Warning, "The worker has {Max} or more hits to decide (Ingress:MaxUndecided): staged hits are held back, and ingress slows to the worker's pace")]
    private partial void LogHolding(int max);

    [LoggerMessage(LogLevel.Warning, "The worker decided none of its {Hits} undecided hits in {Seconds} s: staged hits are moved without waiting for it until its backlog is below Ingress:MaxUndecided")]
    private partial void LogWorkerStalled(long hits, double seconds);

    [LoggerMessage(LogLevel.Information, "{Hits} undecided hits staged by an earlier run were moved into the hits table and published")]
    private partial void LogRecovered(int hits);
}
