namespace Chaos;

/// <summary>
/// Runs one phase under the steady load: a few seconds as is, the fault for <c>CHAOS_DOWN</c> seconds, then the fault
/// undone, and waits for recovery: ingress answering 200 again, and every hit received and every delivery planned before
/// the fault was undone decided and sent.
/// </summary>
public sealed class Runner(Settings settings, Cluster cluster, Database db, Traffic traffic)
{
    private readonly List<(DateTime At, long RssMiB)> _rss = [];

    public async Task RunAsync(Phase phase)
    {
        phase.Started = DateTime.UtcNow;
        Log($"{phase.Key}: steady load");
        await WatchAsync(settings.Steady);
        Log($"{phase.Key}: fault");
        await phase.Inject();
        await WatchAsync(settings.Down);
        phase.Restored = DateTime.UtcNow;
        Log($"{phase.Key}: undoing the fault");
        var restoring = phase.Restore();
        phase.Recovery = await RecoverAsync(phase.Restored);
        await restoring;
        phase.Ended = DateTime.UtcNow;
        phase.PeakApiRssMiB = _rss.Where(r => r.At >= phase.Started && r.At <= phase.Ended).Select(r => r.RssMiB).DefaultIfEmpty().Max();
        Log($"{phase.Key}: recovered in {phase.Recovery?.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "(not within the bound)"} s");
    }

    /// <summary>Waits for the backlog of everything before <paramref name="restored"/> to be done; null when the bound passes first.</summary>
    public async Task<TimeSpan?> RecoverAsync(DateTime restored)
    {
        while (DateTime.UtcNow - restored < settings.RecoveryBound)
        {
            await WatchAsync(TimeSpan.FromMilliseconds(500));
            if (!traffic.Acknowledged.Any(a => a.At > restored)) continue;
            try
            {
                if (await db.BacklogAsync(restored) == (0, 0)) return DateTime.UtcNow - restored;
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
            {
                // The database is still on its way back.
            }
        }
        return null;
    }

    /// <summary>After the load: waits until nothing is left undecided or unsent at all; false when the bound passes first.</summary>
    public async Task<bool> RecoverAsyncAfterLoad()
    {
        var deadline = DateTime.UtcNow + settings.RecoveryBound;
        while (DateTime.UtcNow < deadline)
        {
            await WatchAsync(TimeSpan.FromMilliseconds(500));
            if (await db.BacklogAsync(DateTime.UtcNow.AddMinutes(1)) == (0, 0)) return true;
        }
        return false;
    }

    /// <summary>Waits, sampling the API's memory and restarting a process that exited by itself (as a supervisor would).</summary>
    private async Task WatchAsync(TimeSpan duration)
    {
        var end = DateTime.UtcNow + duration;
        do
        {
            _rss.Add((DateTime.UtcNow, cluster.Api.RssMiB()));
            foreach (var name in cluster.Supervise()) Log($"{name} had exited by itself; started again");
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250, Math.Max(0, (end - DateTime.UtcNow).TotalMilliseconds))));
        }
        while (DateTime.UtcNow < end);
    }

    public static void Log(string message) => Console.Error.WriteLine($"[chaos {DateTime.Now:HH:mm:ss}] {message}");
}
