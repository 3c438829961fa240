using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tracking.Testing;

/// <summary>
/// A built host of the product (<c>Tracking.Api.dll</c> or <c>Tracking.Worker.dll</c>) as a real child process with its
/// settings in the environment, so a test can SIGKILL it at any moment like a crash, stop it with SIGTERM, or run a
/// one-shot command to its end. Its output (stdout and stderr) is kept in <see cref="Output"/>.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private Uri? _url;

    private HostProcess(string name, Process process, Uri? url) => (Name, _process, _url) = (name, process, url);

    public string Name { get; }
    public Uri Url => _url ?? throw new InvalidOperationException("Call ListeningAsync first: the process chose its own address.");
    public string Output { get { lock (_output) return _output.ToString(); } }
    public int Id => _process.Id;
    public int ExitCode => _process.ExitCode;
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// The embedded default: the API (or, with <paramref name="project"/> <c>Tracking.Worker</c>, the standalone worker) on
    /// the SQLite file <paramref name="databasePath"/>, whose folder is its content root, on a free loopback port, with
    /// extra <paramref name="settings"/>.
    /// </summary>
    public static HostProcess Start(string databasePath, string adminKey, IReadOnlyDictionary<string, string>? settings = null,
        string project = "Tracking.Api")
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Tracking"] = $"Data Source={databasePath}",
            ["Tracking__AdminApiKey"] = adminKey,
            ["Tracking__Worker__ConcurrentMessageLimit"] = "4",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        return StartDll(Repository.HostDll(project), Path.GetDirectoryName(databasePath)!, environment, new Uri($"http://127.0.0.1:{FreePort()}"));
    }

    /// <summary>
    /// The standalone worker (<c>src/Tracking.Worker</c>) with its settings in <paramref name="environment"/> and
    /// <paramref name="args"/> (a one-shot command such as <c>requeue-errors</c>); its health endpoints on a port of its own,
    /// logging warnings and the product's own information.
    /// </summary>
    public static HostProcess Worker(string name, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var dll = Repository.HostDll("Tracking.Worker");
        var settings = new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Tracking"] = "Information",
            // Several workers run side by side.
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in environment) settings[key] = value;
        return StartDll(dll, Path.GetDirectoryName(dll)!, settings, url: null, name, args);
    }

    /// <summary>
    /// Starts <c>dotnet <paramref name="dll"/></c> in <paramref name="workingDirectory"/> (its content root) with
    /// <paramref name="environment"/> in Production (the test's own <c>Tracking__</c> and <c>ASPNETCORE_</c> variables
    /// removed), listening on <paramref name="url"/>, or where the host itself chooses when null: then <see cref="Url"/>
    /// is read from its log line "Now listening on".
    /// </summary>
    public static HostProcess StartDll(string dll, string workingDirectory, IReadOnlyDictionary<string, string?> environment, Uri? url,
        string? name = null, params string[] args)
    {
        string[] arguments = url is null ? [dll, .. args] : [dll, "--urls", url.ToString().TrimEnd('/'), .. args];
        var info = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Tracking__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        var host = new HostProcess(name ?? Path.GetFileNameWithoutExtension(dll), process, url);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits for the host's "Now listening on" line when it chose its own address; returns <see cref="Url"/>.</summary>
    public async Task<Uri> ListeningAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (_url is null)
        {
            if (_process.HasExited) throw new InvalidOperationException("The process exited:\n" + Output);
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The process never said where it listens:\n" + Output);
            var line = Output.Split('\n').FirstOrDefault(l => l.Contains("Now listening on: ", StringComparison.Ordinal));
            if (line is not null) _url = new Uri(line[(line.IndexOf("Now listening on: ", StringComparison.Ordinal) + 18)..].Trim());
            else await Task.Delay(100);
        }
        return _url;
    }

    /// <summary>Waits until the API answers and the first-run demo exists.</summary>
    public Task WaitReadyAsync(TimeSpan? timeout = null) =>
        PollAsync("/c/1?aff_id=1", HttpStatusCode.Redirect, "The API exited:\n", "The API did not become ready:\n", timeout);

    /// <summary>Waits until <c>/health/ready</c> answers 200 (the worker host has no click endpoint).</summary>
    public Task WaitHealthyAsync(TimeSpan? timeout = null) =>
        PollAsync("/health/ready", HttpStatusCode.OK, "The process exited:\n", "The process did not become ready:\n", timeout);

    /// <summary>SIGTERM, as an orchestrator stops a container; true when the process exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Runs to its end (for one-shot commands) and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, no acknowledgements, exactly like a crash.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
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

    private async Task PollAsync(string path, HttpStatusCode expected, string exited, string timedOut, TimeSpan? timeout)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = Url };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException(exited + Output);
            try
            {
                if ((await client.GetAsync(path)).StatusCode == expected) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException(timedOut + Output);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
