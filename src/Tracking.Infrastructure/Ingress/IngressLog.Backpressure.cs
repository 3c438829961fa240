using Microsoft.Extensions.Logging;
using Tracking.Domain.Clicks;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Messaging;

namespace Tracking.Infrastructure.Ingress;

/// <summary>What bounds the ingress log's memory and its callers' wait while the database or the broker is down (decision 0017).</summary>
public sealed partial class IngressLog
{
    private readonly int _publishBacklog = options.Value.Bus.PublishBacklog;
    /// <summary>Hit ids committed but not yet published (queued or being published); the only figure that grows with a broker outage.</summary>
    private long _backlog;
    /// <summary>Whether committed batches are being left to the relay (logged once per overflow, not per batch).</summary>
    private bool _overflowing;

    /// <summary>One write waiting for the commit loop. A hit's request may withdraw it while it waits (its deadline passed).</summary>
    private sealed class Entry(Hit? hit, Click? click, TaskCompletionSource? committed)
    {
        private const int Queued = 0, Taken = 1, Withdrawn = 2;
        private int _state;

        public Hit? Hit => hit;
        public Click? Click => click;
        public TaskCompletionSource? Committed => committed;

        /// <summary>The commit loop takes the entry into a batch, unless its request withdrew it first.</summary>
        public bool Take() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

        /// <summary>The request gives up waiting; a write not yet taken is then never written.</summary>
        public void Withdraw() => Interlocked.CompareExchange(ref _state, Withdrawn, Queued);
    }

    /// <summary>
    /// Hands a committed batch to the publishing loop, unless <c>Bus:PublishBacklog</c> hit ids already wait there (the broker
    /// is down or slow): then the batch is left to the relay, which publishes undecided hits again after <c>RelayAfter</c>.
    /// The hits are committed either way; only the worker's latency pays, never the API's memory.
    /// </summary>
    private void QueueForPublishing(HitsRecorded message)
    {
        var count = message.HitIds.Count;
        if (Interlocked.Read(ref _backlog) + count > _publishBacklog)
        {
            if (!_overflowing) LogBacklogFull(_publishBacklog);
            _overflowing = true;
            return;
        }
        if (_overflowing) LogBacklogResumed();
        _overflowing = false;
        Interlocked.Add(ref _backlog, count);
        _committed.Writer.TryWrite(message);
    }

    /// <summary>Called by the publishing loop once a set of batches is published (or abandoned to the relay).</summary>
    private void Published(int count) => Interlocked.Add(ref _backlog, -count);

    [LoggerMessage(LogLevel.Warning, "{Backlog} committed hits are waiting to be published (is the broker down?); further batches are left to the relay until it drains")]
    private partial void LogBacklogFull(int backlog);

    [LoggerMessage(LogLevel.Information, "The publish backlog has room again; committed batches are published directly")]
    private partial void LogBacklogResumed();
}
