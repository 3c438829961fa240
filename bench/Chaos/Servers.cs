using System.Diagnostics;
using System.Globalization;

namespace Chaos;

/// <summary>
/// The suite's own PostgreSQL and RabbitMQ (scripts/services.sh with a folder and ports of their own, never the shared
/// ones): SIGKILLed by their process ids, started again by the same script (pg_ctl runs crash recovery).
/// </summary>
public sealed class Servers(string script, string folder)
{
    /// <summary>SIGKILL to the postmaster and every backend it started.</summary>
    public void KillPostgres() => KillTree(PidFrom(Path.Combine(folder, "postgres", "postmaster.pid")));

    /// <summary>SIGKILL to the broker's Erlang VM and its helper processes.</summary>
    public void KillRabbitMq() => KillTree(PidFrom(Path.Combine(folder, "rabbitmq", "pid")));

    /// <summary>Starts whichever server is not running (scripts/services.sh up), and waits for it.</summary>
    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(script, ["up"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["TRACKING_SERVICES_DIR"] = folder;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} up failed: {await stderr}");
    }

    private static int PidFrom(string file) => int.Parse(File.ReadLines(file).First().Trim(), CultureInfo.InvariantCulture);

    private static void KillTree(int pid)
    {
        var children = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0)
            .Where(p => p > 0 && ParentOf(p) == pid)
            .ToList();
        foreach (var p in children.Prepend(pid))
        {
            try
            {
                using var process = Process.GetProcessById(p);
                process.Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Gone already.
            }
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid ...", comm may hold spaces: read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
