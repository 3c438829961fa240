using System.Diagnostics;
using System.Globalization;

namespace Chaos;

/// <summary>One product process (the API or a worker) started from its published folder; SIGKILLed and started again at will.</summary>
public sealed class HostProcess(string name, string dll, IReadOnlyDictionary<string, string> environment, string? url, string logFolder)
{
    private Process? _process;
    private bool _killed;

    public string Name { get; } = name;
    public int Pid => _process?.Id ?? 0;
    /// <summary>Exited without being killed by the suite (a crash or a start that failed).</summary>
    public bool Crashed => _process is { HasExited: true } && !_killed;

    public void Start()
    {
        _killed = false;
        string[] args = url is null ? [dll] : [dll, "--urls", url];
        var info = new ProcessStartInfo("dotnet", args)
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Tracking__", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var log = new StreamWriter(Path.Combine(logFolder, Name.Replace(' ', '-') + ".log"), append: true) { AutoFlush = true };
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Write(log, e.Data);
        _process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // bench/chaos.sh kills what is left by these ids should the suite itself be killed.
        File.AppendAllText(Path.Combine(logFolder, "pids"), _process.Id.ToString(CultureInfo.InvariantCulture) + "\n");
    }

    /// <summary>SIGKILL: a crash, with no shutdown of any kind.</summary>
    public void Kill()
    {
        _killed = true;
        if (_process is null || _process.HasExited) return;
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM and a wait, at the end of the run.</summary>
    public void Stop()
    {
        _killed = true;
        if (_process is null || _process.HasExited) return;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) term.WaitForExit();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30))) Kill();
    }

    /// <summary>Resident memory now, in MiB (0 when not running).</summary>
    public long RssMiB()
    {
        try
        {
            var line = File.ReadLines($"/proc/{Pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log) log.WriteLine(line);
    }
}
