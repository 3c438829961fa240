using System.Threading.Channels;
using MassTransit;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Tracking.Domain.Attribution;
using Tracking.Infrastructure.Messaging;

namespace Tracking.Infrastructure.Ingress;

public sealed partial class IngressLog
{
    private static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(15);
    private const int MaxPublishBatch = 64;
    /// <summary>Most hit ids merged into one message: a few of the worker's chunks, so several workers still share a burst.</summary>
    private const int MessageHits = 4 * HitProcessor.ChunkSize;
    /// <summary>The committed batches being published (only the publishing loop touches it).</summary>
    private readonly List<HitsRecorded> _publishing = [];
    private int _publishingHits;

    /// <summary>
    /// Takes every committed batch waiting and publishes them together (concurrently, each confirmed by the broker), so a
    /// slow confirm never serialises the batches behind it. A publish that fails or outlasts <c>Bus:PublishTimeout</c>
    /// (the broker restarting, say) is tried again (<see cref="PublishRetry"/>), while later batches join it; so a broker
    /// outage delays the worker but costs no relay round. Only at shutdown is a failed publish left to the relay: its hits
    /// are committed, and the hit log is the outbox. A batch published twice is harmless (deciding is idempotent).
    /// </summary>
    private async Task PublishCommittedAsync()
    {
        var retry = PublishRetry();
        while (_publishing.Count > 0 || await _committed.Reader.WaitToReadAsync())
        {
            await GatherAsync();
            try
            {
                await retry.ExecuteAsync(static (log, _) => log.PublishOnceAsync(), this, _stopping.Token);
            }
            catch (OperationCanceledException ex) when (ex.CancellationToken == _stopping.Token)
            {
                // Stopping while waiting to try again (or before the first try): one last try, then the relay.
                await PublishLastTimeAsync();
            }
            catch (Exception ex) when (_stopping.IsCancellationRequested)
            {
                LogPublishAbandoned(ex, PublishingCount);
            }
            Published(PublishingCount);
            _publishing.Clear();
            _publishingHits = 0;
        }
    }

    /// <summary>
    /// Waits, at most <c>Bus:PublishLinger</c>, until the committed hits taken fill one of the worker's chunks. Under light
    /// load every commit holds a hit or two, and a message per commit would make the worker pay a transaction, its
    /// lookups and its rollups for each; gathered, it pays them once per chunk. Under load a chunk is there at once, so
    /// nothing waits. Only the worker's latency pays: the callers were answered at the commit.
    /// <para>
    /// It waits with <c>WaitToReadAsync</c> and takes with <c>TryRead</c>, never with <c>ReadAsync(token)</c>: on .NET 10 a
    /// <c>ReadAsync</c> cancelled while a batch is being written can lose that batch (bench/channel-race.sh loses 7–23
    /// of 2,000,000 items that way, none this way). A lost batch was published only by the relay, minutes later, and its
    /// hits stayed counted in the publish backlog for good.
    /// </para>
    /// </summary>
    private async ValueTask GatherAsync()
    {
        if (_publishing.Count > 0 || _publishLinger <= TimeSpan.Zero) return;
        using var linger = new CancellationTokenSource(_publishLinger);
        try
        {
            while (_publishingHits < HitProcessor.ChunkSize && _publishing.Count < MaxPublishBatch)
            {
                if (_committed.Reader.TryRead(out var message)) Take(message);
                else if (!await _committed.Reader.WaitToReadAsync(linger.Token)) return;
            }
        }
        catch (OperationCanceledException) when (linger.IsCancellationRequested)
        {
            // Lingered long enough: publish what there is.
        }
        catch (ChannelClosedException)
        {
            // Stopping: publish what there is.
        }
    }

    /// <summary>
    /// Tops the batches being published up with those committed since (merged into messages of up to <see cref="MessageHits"/>
    /// hit ids, so many small commits make a few messages the worker decides a chunk at a time), and publishes them all.
    /// </summary>
    private async ValueTask PublishOnceAsync()
    {
        while (_publishing.Count < MaxPublishBatch && _committed.Reader.TryRead(out var message)) Take(message);
        using var timeout = new CancellationTokenSource(_publishTimeout);
        await bus.PublishBatch(_publishing, timeout.Token);
    }

    private async Task PublishLastTimeAsync()
    {
        try
        {
            await PublishOnceAsync();
        }
        catch (Exception ex)
        {
            LogPublishAbandoned(ex, PublishingCount);
        }
    }

    /// <summary>While running, every failed publish is tried again after waits doubling from 1 s to 15 s; stopping ends the waits.</summary>
    private ResiliencePipeline PublishRetry() => new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
    {
        // Every failure, a timed-out publish (OperationCanceledException) included.
        ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null),
        MaxRetryAttempts = int.MaxValue,
        BackoffType = DelayBackoffType.Exponential,
        Delay = TimeSpan.FromSeconds(1),
        MaxDelay = MaxRetryWait,
        UseJitter = false,
        OnRetry = args =>
        {
            LogPublishFailed(args.Outcome.Exception!, PublishingCount, args.RetryDelay.TotalSeconds);
            return ValueTask.CompletedTask;
        },
    }).Build();

    private void Take(HitsRecorded message)
    {
        if (_publishing.Count > 0 && _publishing[^1].HitIds.Count + message.HitIds.Count <= MessageHits)
            _publishing[^1] = new HitsRecorded([.. _publishing[^1].HitIds, .. message.HitIds]);
        else
            _publishing.Add(message);
        _publishingHits += message.HitIds.Count;
    }

    private int PublishingCount => _publishingHits;

    [LoggerMessage(LogLevel.Warning, "Publishing {Count} committed hits failed; trying again in {Seconds} s")]
    private partial void LogPublishFailed(Exception ex, int count, double seconds);

    [LoggerMessage(LogLevel.Warning, "Publishing {Count} committed hits failed while stopping; the relay will publish them again")]
    private partial void LogPublishAbandoned(Exception ex, int count);
}
