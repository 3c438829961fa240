using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Tracking.Domain.Common;

namespace Tracking.Infrastructure.Persistence;

/// <summary>
/// SQLite has one writer at a time and its busy handler waits by sleeping. The process's own writers (the ingress
/// log and the worker) take turns through this gate instead, so neither sleeps on the other's lock. A server database
/// takes many writers at once and locks rows itself: there the gate lets everyone through.
/// <para>
/// The ingress log goes first (issue 13): a request is waiting on its commit, so when it asks for the gate it is
/// given it as soon as the current holder leaves, ahead of every background writer that queued earlier (the worker,
/// forwarding, retention). Background writers are served in the order they asked. The ingress log never holds the gate
/// twice in a row while a background writer waits: it releases the gate between batches, and a waiting background
/// writer takes it then, so neither side starves.
/// </para>
/// </summary>
public sealed class WriteGate(bool serialize = true)
{
    private static readonly Meter Meter = new(TrackingMetrics.Name);
    private static readonly Histogram<double> Held = Meter.CreateHistogram("tracking.write_gate.held", "s",
        "Time one writer held the SQLite write gate, by writer (ingress, or the background writer's source file)",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });

    private readonly object _lock = new();
    private readonly Queue<TaskCompletionSource> _background = new();
    private bool _held;
    private int _ingressWaiting;
    private long _ingressAt = long.MinValue;

    /// <summary>For the ingress log's own thread: blocks, and is served before any background writer.</summary>
    public Releaser Enter()
    {
        if (!serialize) return default;
        lock (_lock)
        {
            _ingressWaiting++;
            _ingressAt = Stopwatch.GetTimestamp();
            while (_held) Monitor.Wait(_lock);
            _ingressWaiting--;
            _held = true;
        }
        return new Releaser(this, "ingress");
    }

    /// <summary>
    /// True when this gate serializes writers and the ingress log has not asked for it within <paramref name="span"/>: a
    /// background writer may then hold it longer without keeping the ingress log waiting (decision 0024).
    /// </summary>
    public bool IngressQuietFor(TimeSpan span)
    {
        if (!serialize) return false;
        long at;
        lock (_lock) at = _ingressAt;
        return at == long.MinValue || Stopwatch.GetElapsedTime(at) > span;
    }

    /// <summary>For background writers; served in the order they asked, after a waiting ingress batch.</summary>
    public async ValueTask<Releaser> EnterAsync(CancellationToken ct, [CallerFilePath] string caller = "")
    {
        if (!serialize) return default;
        TaskCompletionSource turn;
        lock (_lock)
        {
            if (!_held && _ingressWaiting == 0 && _background.Count == 0)
            {
                _held = true;
                return new Releaser(this, caller);
            }
            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _background.Enqueue(turn);
        }
        try
        {
            await turn.Task.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            bool withdrawn;
            lock (_lock) withdrawn = turn.TrySetCanceled(ct);
            // Handed the gate just as the wait was cancelled: pass it on, or it would stay held.
            if (!withdrawn) Release();
            throw;
        }
        return new Releaser(this, caller);
    }

    private void Release()
    {
        lock (_lock)
        {
            if (_ingressWaiting > 0)
            {
                _held = false;
                Monitor.PulseAll(_lock);
                return;
            }
            // Hand the gate straight to the next background writer still waiting (it stays held meanwhile).
            while (_background.TryDequeue(out var next))
                if (next.TrySetResult()) return;
            _held = false;
        }
    }

    public readonly struct Releaser : IDisposable
    {
        private readonly WriteGate? _gate;
        private readonly string? _holder;
        private readonly long _since;

        internal Releaser(WriteGate gate, string holder)
        {
            _gate = gate;
            _holder = holder;
            _since = Stopwatch.GetTimestamp();
        }

        public void Dispose()
        {
            if (_gate is null) return;
            Held.Record(Stopwatch.GetElapsedTime(_since).TotalSeconds, new KeyValuePair<string, object?>("writer", Path.GetFileNameWithoutExtension(_holder)));
            _gate.Release();
        }
    }
}
