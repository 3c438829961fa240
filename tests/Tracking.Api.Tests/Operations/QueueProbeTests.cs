using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tracking.Domain.Common;
using Tracking.Infrastructure.Operations;

namespace Tracking.Api.Tests.Operations;

/// <summary>The queue gauges read the oldest undecided hit and the count in two queries; what happens between them.</summary>
public sealed class QueueProbeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The last undecided hit is decided between the probe's two reads (forced: the decision is written as soon as EF logs the
    /// first read). The gauges then say 0 waiting and a lag of 0, not 0 waiting beside the age of a hit no longer waiting,
    /// which <c>MetricsEndpointTests</c> once saw as a lag of 1.7 s.
    /// </summary>
    [Fact]
    public async Task AHitDecidedBetweenTheProbesTwoReadsLeavesNoLagBehind()
    {
        var between = new DecideOnFirstRead();
        await using var app = new TrackingApp().WithLogger(between).With("Tracking:Operations:QueueProbeEvery", "01:00:00")
            .With("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");
        app.Public().Dispose();
        between.ConnectionString = app.ConnectionString;
        var meter = app.Services.GetRequiredService<TrackingMetrics>().Meter;
        // The host's own first probe (at start) is over before this test's, which alone meets the decision.
        await Eventually.Until(() => Task.FromResult(Read(meter)), g => g.ContainsKey("tracking.queue.undecided"), what: "the host's first probe");
        // An undecided hit received a minute ago that no message announces: the worker leaves it alone.
        var received = DateTime.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd HH:mm:ss.fffffff");
        await app.WithDb(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO hits (id, method, channel, received_at, click_id_source, is_test) VALUES ('01KQUEUEPROBE0000000000000', 'postback', 'get', {0}, 'none', 0)",
            [received], Ct));
        var probe = app.Services.GetServices<IHostedService>().OfType<QueueProbe>().Single();

        between.Armed = true;
        await probe.ProbeAsync(Ct);
        Assert.Null(between.Failure);
        Assert.True(between.Decided, "the hit was decided between the two reads");

        var gauges = Read(meter);
        Assert.Equal(0, gauges["tracking.queue.undecided"]);
        Assert.Equal(0, gauges["tracking.queue.lag"]);
    }

    private static Dictionary<string, double> Read(Meter meter)
    {
        var values = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter && instrument.Name.StartsWith("tracking.queue.", StringComparison.Ordinal)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    /// <summary>Once armed, decides every hit on its own connection as soon as EF logs a read of the undecided hits' age.</summary>
    private sealed class DecideOnFirstRead : ILoggerProvider, ILogger
    {
        public volatile bool Armed;
        public bool Decided { get; private set; }
        public string ConnectionString { get; set; } = "";
        public Exception? Failure { get; private set; }

        public ILogger CreateLogger(string categoryName) =>
            categoryName == "Microsoft.EntityFrameworkCore.Database.Command" ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!Armed || Decided || !formatter(state, exception).Contains("MIN(", StringComparison.Ordinal)) return;
            try
            {
                using var connection = new SqliteConnection(ConnectionString);
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "UPDATE hits SET decided_at = received_at WHERE decided_at IS NULL";
                Decided = command.ExecuteNonQuery() > 0;
            }
            catch (Exception e)
            {
                Failure = e;
            }
        }

        public void Dispose() { }
    }
}
