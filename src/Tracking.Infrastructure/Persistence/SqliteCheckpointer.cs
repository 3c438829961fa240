using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tracking.Domain.Common;

namespace Tracking.Infrastructure.Persistence;

/// <summary>
/// Copies SQLite's write-ahead log into the database off the writers' path (issue 13, decision 0020). Every connection of
/// the product turns SQLite's automatic checkpoint off (<see cref="SqliteSettings"/>): left on, the commit that crosses
/// 1,000 pages of log copies them into the database and syncs it, inside the write lock, and that commit is usually the
/// ingress log's, with requests waiting on it. Instead this service runs a <c>PASSIVE</c> checkpoint on a connection and a
/// thread of its own every <c>Database:CheckpointInterval</c>. A passive checkpoint takes no write lock and waits for no
/// reader: it copies the frames no reader still needs, and the next writer restarts the log from its start once all of
/// it is copied. Closing the last connection at shutdown checkpoints what is left, as before.
/// </summary>
internal sealed partial class SqliteCheckpointer(TrackingDatabase database, IOptions<TrackingOptions> options, TrackingMetrics metrics,
    ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    private readonly Histogram<double> _duration = metrics.Meter.CreateHistogram("tracking.sqlite.checkpoint_duration", "s",
        "Time of one passive checkpoint of SQLite's write-ahead log (off the writers' path)",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });

    /// <summary>The frames in the log and how many of them are in the database after a passive checkpoint.</summary>
    public readonly record struct Result(bool Busy, int LogFrames, int CheckpointedFrames);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        database.Provider != DatabaseProvider.Sqlite
            ? Task.CompletedTask
            // Checkpoints block on file I/O: a thread of their own, like the ingress log's commit loop, not a pool thread.
            : Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var interval = options.Value.Database.CheckpointInterval;
        using var connection = new SqliteConnection(database.ConnectionString);
        while (!stoppingToken.WaitHandle.WaitOne(interval))
        {
            try
            {
                if (connection.State != System.Data.ConnectionState.Open)
                {
                    connection.Open();
                    SqliteSettings.Apply(connection, SqliteSettings.EfPragmas);
                }
                var started = Stopwatch.GetTimestamp();
                Checkpoint(connection);
                _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            catch (Exception ex)
            {
                // Whatever failed (a locked or vanished file, an I/O error), the next tick tries again on a new connection;
                // meanwhile the log only grows and nothing is lost, so it is no reason to stop the host.
                LogCheckpointFailed(ex);
                connection.Close();
            }
        }
    }

    /// <summary>One passive checkpoint on <paramref name="connection"/>.</summary>
    public static Result Checkpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new Result(reader.GetInt32(0) != 0, reader.GetInt32(1), reader.GetInt32(2));
    }

    [LoggerMessage(LogLevel.Warning, "SQLite checkpoint failed; the write-ahead log grows until the next one succeeds")]
    private partial void LogCheckpointFailed(Exception ex);
}
