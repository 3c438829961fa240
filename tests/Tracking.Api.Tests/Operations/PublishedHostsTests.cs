using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Tracking.Api.Tests.Operations;

/// <summary>
/// What the Docker images run: <c>dotnet publish</c> of each host, started from its publish folder. The API references the
/// worker project, whose own <c>appsettings.json</c> once collided with the API's (NETSDK1152) and failed the publish.
/// <c>.ci/run</c> publishes both in Release into <c>TRACKING_TEST_PUBLISHED</c> (<c>api/</c>, <c>worker/</c>); without it the
/// test publishes the hosts built beside it (<c>--no-build</c>) into a folder of its own.
/// </summary>
public sealed class PublishedHostsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePublishedApiStartsOnItsEmbeddedDefaultWithItsOwnSettings()
    {
        var published = await PublishedAsync("Tracking.Api");
        Assert.Equal(await File.ReadAllTextAsync(Source("Tracking.Api", "appsettings.json"), Ct),
            await File.ReadAllTextAsync(Path.Combine(published, "appsettings.json"), Ct));
        var work = Copy(published);

        // As the image runs it: the publish folder is the working directory; no database, key or bus configured.
        await using var api = HostProcess.StartDll(Path.Combine(work, "Tracking.Api.dll"), work, new Dictionary<string, string?>(), null);
        var url = await api.ListeningAsync();
        await api.WaitHealthyAsync();
        var banner = await Eventually.Until(() => Task.FromResult(api.Output), o => o.Contains("postback:", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the start-up banner");

        var root = url.ToString().TrimEnd('/');
        Assert.Contains($"Open first:    {root}/ (the console, {root}/dashboard; sign in with the admin key)", banner);
        Assert.Contains($"API reference: {root}/scalar/v1", banner);
        Assert.Contains("Admin API key (shown once", banner);
        Assert.True(File.Exists(Path.Combine(work, "data", "tracking.db")), "the embedded SQLite file under the working directory");
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = url };
        var start = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("/dashboard", start.Headers.Location!.ToString());
        // The console's pages and embedded assets are served from the publish folder too.
        var signIn = await client.GetAsync("/dashboard/sign-in", Ct);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("API key", await signIn.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/assets/vendor/chart.umd.min.js", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/v1", Ct)).StatusCode);
        // The demo of the API's own settings file (Tracking:SeedDemo) was created: its tracking link redirects.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/c/1?aff_id=1&sub1=demo", Ct)).StatusCode);
    }

    [Fact]
    public async Task ThePublishedWorkerReadsTheSettingsFileBesideIt()
    {
        var published = await PublishedAsync("Tracking.Worker");
        Assert.Equal(await File.ReadAllTextAsync(Source("Tracking.Worker", "appsettings.json"), Ct),
            await File.ReadAllTextAsync(Path.Combine(published, "appsettings.json"), Ct));
        var work = Copy(published);
        var settings = Path.Combine(work, "appsettings.json");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(settings, Ct))!;
        json["Tracking"]!["Operations"] = new JsonObject { ["MetricsEndpoint"] = false };
        await File.WriteAllTextAsync(settings, json.ToJsonString(), Ct);

        var environment = new Dictionary<string, string?> { ["ConnectionStrings__Tracking"] = $"Data Source={Path.Combine(work, "tracking.db")}" };
        await using var worker = HostProcess.StartDll(Path.Combine(work, "Tracking.Worker.dll"), work, environment, null);
        var url = await worker.ListeningAsync();
        await worker.WaitHealthyAsync();
        using var client = new HttpClient { BaseAddress = url };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics", Ct)).StatusCode);
    }

    private static string Source(string project, string file) => Path.Combine(Repository.Root(), "src", project, file);

    private static readonly SemaphoreSlim Publishing = new(1, 1);
    private static readonly Dictionary<string, string> Folders = [];

    /// <summary>The publish folder of <paramref name="project"/>: CI's, or one made now from the build beside the tests.</summary>
    private static async Task<string> PublishedAsync(string project)
    {
        var folder = project == "Tracking.Api" ? "api" : "worker";
        if (Environment.GetEnvironmentVariable("TRACKING_TEST_PUBLISHED") is { Length: > 0 } ci)
            return Path.Combine(ci, folder);
        await Publishing.WaitAsync(Ct);
        try
        {
            if (Folders.TryGetValue(project, out var done)) return done;
            var output = Directory.CreateTempSubdirectory($"tracking-publish-{folder}-").FullName;
            var info = new ProcessStartInfo("dotnet",
                ["publish", Path.Combine(Repository.Root(), "src", project), "--no-build", "-c", Repository.BuildConfiguration, "-o", output])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var publish = Process.Start(info)!;
            var log = publish.StandardOutput.ReadToEndAsync(Ct);
            var errors = publish.StandardError.ReadToEndAsync(Ct);
            await publish.WaitForExitAsync(Ct);
            Assert.True(publish.ExitCode == 0, $"dotnet publish src/{project} failed:\n{await log}\n{await errors}");
            return Folders[project] = output;
        }
        finally
        {
            Publishing.Release();
        }
    }

    /// <summary>A copy to run in, so the data files and edited settings of one test never touch the publish folder.</summary>
    private static string Copy(string published)
    {
        var work = Directory.CreateTempSubdirectory("tracking-published-").FullName;
        foreach (var file in Directory.EnumerateFiles(published, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(work, Path.GetRelativePath(published, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return work;
    }
}
