using System.Diagnostics.Metrics;
using Tracking.Domain.Common;

namespace Tracking.Domain.Tests;

/// <summary>The worker's instruments count what a committed unit of work decided, and nothing for a failed one.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task DecidingHitsCountsOutcomesConversionsMergesAndDiscrepancies()
    {
        var w = new World();
        using var recorded = new Recorded(w.Metrics.Meter);
        var click = w.Click();
        await w.Process(w.Hit(Method.Postback, click.Id, orderId: "O1", amount: 10m));
        await w.Process(w.Hit(Method.Pixel, click.Id, orderId: "O1", amount: 20m));
        await w.Process(w.Hit(Method.Postback, click.Id, orderId: "O1", amount: 10m));

        Assert.Equal(1, recorded.Sum("tracking.hits.decided", ("outcome", Reasons.Converted), ("method", "postback")));
        Assert.Equal(1, recorded.Sum("tracking.hits.decided", ("outcome", Reasons.Merged), ("method", "pixel")));
        Assert.Equal(1, recorded.Sum("tracking.hits.decided", ("outcome", Reasons.Duplicate)));
        Assert.Equal(1, recorded.Sum("tracking.conversions.created"));
        Assert.Equal(1, recorded.Sum("tracking.conversions.merged"));
        Assert.Equal(1, recorded.Sum("tracking.discrepancies", ("kind", "amount_mismatch")));
        Assert.Equal(3, recorded.Count("tracking.hit.processing_latency"));
    }

    [Fact]
    public async Task AHitWaitingForItsClickIsNotCountedUntilDecided()
    {
        var w = new World();
        using var recorded = new Recorded(w.Metrics.Meter);
        var click = w.Click(stored: false);
        var hit = w.Hit(Method.Postback, click.Id);
        await Assert.ThrowsAsync<Attribution.ClickNotYetStoredException>(() => w.Process(hit));
        Assert.Equal(0, recorded.Sum("tracking.hits.decided"));
        w.Store.Clicks.Add(click);
        await w.Process(hit);
        Assert.Equal(1, recorded.Sum("tracking.hits.decided", ("outcome", Reasons.Converted)));
    }

    /// <summary>Every measurement of one meter instance, with its tags.</summary>
    private sealed class Recorded : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];

        public Recorded(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
            _listener.Start();
        }

        public double Sum(string instrument, params (string Key, string Value)[] tags) =>
            Matching(instrument, tags).Sum(m => m.Value);

        public int Count(string instrument) => Matching(instrument, []).Count();

        public void Dispose() => _listener.Dispose();

        private IEnumerable<(string Instrument, double Value, Dictionary<string, object?> Tags)> Matching(string instrument, (string Key, string Value)[] tags)
        {
            lock (_measurements)
                return _measurements.Where(m => m.Instrument == instrument && tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value))).ToList();
        }

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags) copy[tag.Key] = tag.Value;
            lock (_measurements) _measurements.Add((instrument.Name, value, copy));
        }
    }
}
