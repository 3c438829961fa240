using System.Diagnostics;
using System.Diagnostics.Metrics;
using Tracking.Domain.Conversions;
using Tracking.Domain.Hits;

namespace Tracking.Domain.Common;

/// <summary>
/// The instruments of the <c>Tracking</c> meter (docs/deployment.md, "Telemetry"). Tags are interned strings passed as
/// <see cref="KeyValuePair{TKey,TValue}"/>, so recording allocates nothing; with no listener a measurement is a no-op.
/// </summary>
public sealed class TrackingMetrics
{
    public const string Name = "Tracking";

    /// <summary>Spans of the ingress batch commit and the worker's chunk processing.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _decided;
    private readonly Counter<long> _clicks;
    private readonly Counter<long> _created;
    private readonly Counter<long> _merged;
    private readonly Counter<long> _discrepancies;
    private readonly Histogram<double> _latency;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitTime;
    private readonly Histogram<double> _gateWait;
    private readonly Histogram<double> _moveTime;
    private readonly Counter<long> _rateLimited;

    public TrackingMetrics(IMeterFactory factory)
    {
        Meter = factory.Create(Name);
        _accepted = Meter.CreateCounter<long>("tracking.hits.accepted", "{hit}", "Hits recorded durably and handed to the worker (answered 200)");
        _decided = Meter.CreateCounter<long>("tracking.hits.decided", "{hit}", "Hits given their outcome, at ingress (refused) or by the worker");
        _clicks = Meter.CreateCounter<long>("tracking.clicks.recorded", "{click}", "Clicks stored by the ingress log");
        _created = Meter.CreateCounter<long>("tracking.conversions.created", "{conversion}", "Conversions created by a hit");
        _merged = Meter.CreateCounter<long>("tracking.conversions.merged", "{conversion}", "Conversions joined by the other method's hit");
        _discrepancies = Meter.CreateCounter<long>("tracking.discrepancies", "{conversion}", "Conversions flagged with a discrepancy");
        _latency = Meter.CreateHistogram("tracking.hit.processing_latency", "s", "From a hit's reception to its outcome by the worker",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });
        _batchSize = Meter.CreateHistogram("tracking.ingress.batch_size", "{row}", "Hits and clicks committed in one ingress transaction",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] });
        _commitTime = Meter.CreateHistogram("tracking.ingress.commit_duration", "s", "Time of one ingress transaction",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
        _gateWait = Meter.CreateHistogram("tracking.ingress.gate_wait", "s", "Time an ingress transaction waited for the process's other writers (SQLite's single write lock)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
        _moveTime = Meter.CreateHistogram("tracking.ingress.move_duration", "s",
            "Time of one move of staged ingress batches into the hits table (SQLite), the write gate's wait included",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
        _rateLimited = Meter.CreateCounter<long>("tracking.requests.rate_limited", "{request}", "Requests refused by a rate limit, by endpoint");
    }

    /// <summary>The meter, for observable instruments registered by the hosts.</summary>
    public Meter Meter { get; }

    /// <summary>A batch of hits was committed by the ingress log: accepted for the worker, or refused with their outcome already.</summary>
    public void HitsRecorded(IReadOnlyList<Hit> hits)
    {
        long pixels = 0, postbacks = 0;
        foreach (var hit in hits)
        {
            if (hit.IsDecided) _decided.Add(1, Tag("outcome", hit.Outcome), MethodTag(hit.Method));
            else if (hit.Method == Method.Pixel) pixels++;
            else postbacks++;
        }
        if (pixels > 0) _accepted.Add(pixels, MethodTag(Method.Pixel));
        if (postbacks > 0) _accepted.Add(postbacks, MethodTag(Method.Postback));
    }

    public void IngressCommitted(int hits, int clicks, double seconds, double gateWait)
    {
        _gateWait.Record(gateWait);
        if (clicks > 0) _clicks.Add(clicks);
        _batchSize.Record(hits + clicks);
        _commitTime.Record(seconds);
    }

    /// <summary>Staged ingress batches were moved into the hits table (SQLite).</summary>
    public void IngressMoved(double seconds) => _moveTime.Record(seconds);

    /// <summary>The worker's decision of a hit was committed.</summary>
    public void HitDecided(Hit hit)
    {
        _decided.Add(1, Tag("outcome", hit.Outcome), MethodTag(hit.Method));
        if (hit.DecidedAt is { } at) _latency.Record((at - hit.ReceivedAt).TotalSeconds, MethodTag(hit.Method));
        if (hit.Outcome == Reasons.Converted) _created.Add(1);
    }

    public void ConversionsMerged(int count)
    {
        if (count > 0) _merged.Add(count);
    }

    public void DiscrepancyFlagged(Discrepancy kind) => _discrepancies.Add(1, Tag("kind", kind switch
    {
        Discrepancy.PixelOnly => "pixel_only",
        Discrepancy.PostbackOnly => "postback_only",
        Discrepancy.AmountMismatch => "amount_mismatch",
        _ => "currency_mismatch",
    }));

    /// <summary>A request refused by a rate limit: <c>click</c>, <c>pixel</c>, <c>collect</c>, <c>postback</c> or <c>api</c>.</summary>
    public void RateLimited(string endpoint) => _rateLimited.Add(1, Tag("endpoint", endpoint));

    private static KeyValuePair<string, object?> MethodTag(Method method) => Tag("method", method.Name());

    private static KeyValuePair<string, object?> Tag(string key, string? value) => new(key, value);
}
