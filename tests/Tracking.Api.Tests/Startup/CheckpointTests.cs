using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Tracking.Api.Tests.Startup;

/// <summary>
/// The embedded default checkpoints SQLite's write-ahead log on its own, every <c>Database:CheckpointInterval</c>
/// (decision 0020; what a checkpoint does to the log is in the integration tests' <c>SqliteCheckpointerTests</c>).
/// </summary>
public sealed class CheckpointTests
{
    [Fact]
    public async Task OnSqliteTheRunningHostCheckpointsAtTheConfiguredInterval()
    {
        await using var app = new TrackingApp().With("Tracking:Database:CheckpointInterval", "00:00:00.020");
        app.Public();
        // This app's meters only: other tests' apps in the same process record theirs too.
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        var checkpoints = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "tracking.sqlite.checkpoint_duration" && ReferenceEquals(instrument.Meter.Scope, meters))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref checkpoints));
        listener.Start();

        await Eventually.Until(() => Task.FromResult(Volatile.Read(ref checkpoints)), n => n >= 5, TimeSpan.FromSeconds(10),
            "five checkpoints from the running host");
    }
}
