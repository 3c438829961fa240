using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tracking.Api.Tests.Support;

/// <summary>
/// The built API as a real child process (the embedded default: SQLite file, in-memory bus, worker inside), so a test
/// can SIGKILL it at any moment and start it again on the same file.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ApiProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the API (or, with <paramref name="project"/> <c>Tracking.Worker</c>, the standalone worker) with extra <paramref name="settings"/>.</summary>
    public static ApiProcess Start(string databasePath, string adminKey, IReadOnlyDictionary<string, string>? settings = null,
        string project = "Tracking.Api")
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet", [ApiDll(project), "--urls", url.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(databasePath)!,
        };
        info.Environment["ConnectionStrings__Tracking"] = $"Data Source={databasePath}";
        info.Environment["Tracking__AdminApiKey"] = adminKey;
        info.Environment["Tracking__Worker__ConcurrentMessageLimit"] = "4";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        var api = new ApiProcess(process, url);
        process.OutputDataReceived += (_, e) => api.Append(e.Data);
        process.ErrorDataReceived += (_, e) => api.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return api;
    }

    /// <summary>Waits until the server answers and the first-run demo exists.</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = Url };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException("The API exited:\n" + Output);
            try
            {
                if ((await client.GetAsync("/c/1?aff_id=1")).StatusCode == HttpStatusCode.Redirect) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The API did not become ready:\n" + Output);
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (the worker host has no click endpoint).</summary>
    public async Task WaitHealthyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = Url };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException("The process exited:\n" + Output);
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The process did not become ready:\n" + Output);
    }

    /// <summary>SIGTERM, as an orchestrator stops a container; true when the process exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
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

    /// <summary>SIGKILL: no shutdown hooks, no flush, exactly like a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        await Task.CompletedTask;
        _process.Dispose();
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

    /// <summary>The host's assembly built beside this test assembly, in the same configuration.</summary>
    private static string ApiDll(string project)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tracking.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Tracking.sln not found above " + AppContext.BaseDirectory);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(dir.FullName, "src", project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/{project} first", dll);
    }
}
