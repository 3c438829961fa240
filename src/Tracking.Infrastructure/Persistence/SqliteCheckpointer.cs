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
/// it is copied and no reader still reads from it. Under a steady load some reader always does (the worker's, the
/// mover's, the console's queries overlap every commit), and the log then grows without end: 2.7 GB in a minute of
/// flood. So once it holds <c>Database:WalRestartFrames</c>, this service restarts it in the write gate's turn, holding
/// the writers back for at most <c>Database:WalRestartWait</c> while the readers of the log finish (decision 0020,
/// addendum). Closing the last connection at shutdown checkpoints what is left, as before.
/// </summary>
internal sealed partial class SqliteCheckpointer(TrackingDatabase database, WriteGate gate, IOptions<TrackingOptions> options, TrackingMetrics metrics,
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
        var (interval, restartFrames, restartWait) =
            (options.Value.Database.CheckpointInterval, options.Value.Database.WalRestartFrames, options.Value.Database.WalRestartWait);
        using var connection = new SqliteConnection(database.ConnectionString);
        // After a restart that a long reader kept from finishing, the next waits 1, 2, 4… 30 s: each try holds the writers.
        var (busyRestarts, restartAfter) = (0, 0L);
        while (!stoppingToken.WaitHandle.WaitOne(interval))
        {
            try
            {
                if (connection.State != System.Data.ConnectionState.Open)
                {
                    connection.Open();
                    SqliteSettings.Apply(connection, SqliteSettings.EfPragmas);
                    // Only a restart waits (a passive checkpoint never does): for the write lock and the log's readers.
                    SqliteSettings.Apply(connection, $"PRAGMA busy_timeout={(int)Math.Ceiling(restartWait.TotalMilliseconds)};");
                }
                var started = Stopwatch.GetTimestamp();
                var passive = Checkpoint(connection);
                _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("mode", "passive"));
                if (restartFrames > 0 && passive.LogFrames >= restartFrames && Stopwatch.GetTimestamp() >= restartAfter)
                {
                    started = Stopwatch.GetTimestamp();
                    // In the write gate's turn, as the process's other writers: they queue on it, and none sleeps in SQLite's
                    // busy handler (1, 2, 5, 10 ms… between tries) while the restart holds the lock.
                    Result restarted;
                    using (gate.EnterAsync(stoppingToken).AsTask().GetAwaiter().GetResult()) restarted = Restart(connection);
                    _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("mode", "restart"));
                    busyRestarts = restarted.Busy ? busyRestarts + 1 : 0;
                    if (restarted.Busy)
                    {
                        var pause = TimeSpan.FromSeconds(Math.Min(1 << Math.Min(busyRestarts - 1, 5), 30));
                        restartAfter = Stopwatch.GetTimestamp() + (long)(pause.TotalSeconds * Stopwatch.Frequency);
                        LogRestartBusy(passive.LogFrames, restartWait.TotalMilliseconds, pause.TotalSeconds);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
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
    public static Result Checkpoint(SqliteConnection connection) => Run(connection, "PASSIVE");

    /// <summary>
    /// Copies the whole log into the database and has the next writer start it over from its first frame. It takes the
    /// write lock, so writers wait, and then waits for every reader still reading frames of the log to finish (readers
    /// that start meanwhile read the database file); it waits at most the connection's busy timeout for each, and then
    /// does what a passive checkpoint does and reports <see cref="Result.Busy"/>. The file keeps its size (a restarted
    /// log is written over, not truncated: in a measured run, truncating it cost the paced load's p99 a millisecond).
    /// </summary>
    public static Result Restart(SqliteConnection connection) => Run(connection, "RESTART");

    private static Result Run(SqliteConnection connection, string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode})";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new Result(reader.GetInt32(0) != 0, reader.GetInt32(1), reader.GetInt32(2));
    }

    [LoggerMessage(LogLevel.Warning, "SQLite checkpoint failed; the write-ahead log grows until the next one succeeds")]
    private partial void LogCheckpointFailed(Exception ex);

    [LoggerMessage(LogLevel.Debug, "The write-ahead log holds {Frames} frames and could not be restarted within {Milliseconds} ms (a long read or write); tried again in {Seconds} s")]
    private partial void LogRestartBusy(int frames, double milliseconds, double seconds);
}
