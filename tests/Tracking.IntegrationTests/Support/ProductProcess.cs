using System.Diagnostics;
using System.Text;

namespace Tracking.IntegrationTests.Support;

/// <summary>
/// A built host of the product (<c>Tracking.Worker.dll</c> or <c>Tracking.Api.dll</c>) as a real child process with its
/// settings in the environment, so a test can SIGKILL it mid-batch like a crash, or stop it gracefully.
/// </summary>
public sealed class ProductProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ProductProcess(string name, Process process) => (Name, _process) = (name, process);

    public string Name { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts the standalone worker (<c>src/Tracking.Worker</c>) with <paramref name="environment"/>.</summary>
    public static ProductProcess Worker(string name, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(name, BuiltDll("Tracking.Worker"), new Dictionary<string, string>(environment)
        {
            // Its health endpoints on a port of its own: several workers run side by side.
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        }, args);

    /// <summary>Starts the API (<c>src/Tracking.Api</c>) listening on <paramref name="url"/>.</summary>
    public static ProductProcess Api(string name, Uri url, IReadOnlyDictionary<string, string> environment) =>
        Start(name, BuiltDll("Tracking.Api"), environment, "--urls", url.ToString().TrimEnd('/'));

    private static ProductProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Tracking"] = "Information";
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        var started = new ProductProcess(name, process);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>SIGKILL: no shutdown hooks, no acknowledgements, exactly like a crash.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Runs to its end (for one-shot commands) and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills it if it still runs; tells whether it had exited on its own before.</summary>
    public bool Stop()
    {
        var exited = _process.HasExited;
        Kill();
        return exited;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>The host's own build output (its deps and runtimeconfig beside it), in this test assembly's configuration.</summary>
    private static string BuiltDll(string project)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tracking.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Tracking.sln not found above " + AppContext.BaseDirectory);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(dir.FullName, "src", project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/{project} first", dll);
    }
}
