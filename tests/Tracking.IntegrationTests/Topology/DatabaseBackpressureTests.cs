using Npgsql;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Topology;

/// <summary>
/// Issue 12.5: the API's database is down while advertisers keep sending, the API a real process on PostgreSQL behind a
/// proxy that either refuses connections (cut) or holds them without an answer (stall: the hang a dead network path
/// gives). Every postback is answered 503 <c>unavailable</c> with <c>Retry-After</c> within <c>AcceptTimeout</c> plus
/// slack, every pixel its GIF, the process's memory stays under a ceiling, and once the database is back the API
/// accepts again by itself and every acknowledged postback is decided exactly once.
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class DatabaseBackpressureTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan AcceptTimeout = TimeSpan.FromSeconds(2);
    /// <summary>Slack over the deadline for a loaded 2-core machine (the answer is written after it).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);
    /// <summary>Measured peak RSS of the API process in these runs (see docs/reliability.md), with room for a noisy machine.</summary>
    private const long MemoryCeilingMiB = 400;
    private const int Senders = 64;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>With a queue of 16 writes, a stall fills it at once: the senders beyond it are refused without waiting.</summary>
    [Theory]
    [InlineData("stall", 100_000)]
    [InlineData("stall", 16)]
    [InlineData("cut", 100_000)]
    public async Task PostbacksAreAnsweredUnavailableInBoundedTimeAndMemoryWhileTheDatabaseIsDownAndRecover(string fault, int queueCapacity)
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var (host, port) = Deployment.Endpoint(database.ConnectionString);
        await using var proxy = TcpProxy.Start(host, port);
        var through = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 };
        var folder = Directory.CreateTempSubdirectory("tracking-backpressure-").FullName;
        await using var api = HostProcess.Start(Path.Combine(folder, "unused.db"), TrackingApp.AdminKey, new Dictionary<string, string>
        {
            ["Tracking__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Tracking"] = through.ConnectionString,
            ["Tracking__Ingress__AcceptTimeout"] = AcceptTimeout.ToString(),
            ["Tracking__Ingress__QueueCapacity"] = queueCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Tracking__Worker__RelayAfter"] = "00:00:05",
            ["Logging__LogLevel__Default"] = "Warning",
            // A full queue refuses at once, so 64 senders reach thousands of postbacks a second: far over the
            // per-advertiser rate limit, whose 429 would otherwise answer before the ingress log is asked.
            ["Tracking__RateLimits__Postbacks__Permits"] = "10000000",
            ["Tracking__RateLimits__Pixels__Permits"] = "10000000",
        });
        await api.WaitReadyAsync();
        var token = await PostbackTokens.ReadAsync(api.Url, TrackingApp.AdminKey);
        var s = new Seeded(1, token, 1, 1);
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 256 })
        {
            BaseAddress = api.Url,
        };
        var clicks = new List<string>();
        for (var i = 0; i < 10; i++) clicks.Add((await client.ClickAsync(s)).ClickId);
        await Task.Delay(500, Ct); // the clicks' own batch commits

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var flood = Flood.Start(client, s, clicks, Senders, api.Id, stop.Token);
        await Eventually.Until(() => Task.FromResult(flood.Acknowledged.Count), n => n >= 200, TimeSpan.FromSeconds(60), "acknowledged postbacks");
        var before = Flood.RssMiB(api.Id);
        var down = flood.Elapsed;
        if (fault == "stall") proxy.Stall();
        else proxy.Cut();
        await Task.Delay(TimeSpan.FromSeconds(12), Ct);
        var up = flood.Elapsed;
        var peak = flood.PeakRssMiB;
        proxy.Restore();
        var acknowledgedAtRestore = flood.Acknowledged.Count;
        await Eventually.Until(() => Task.FromResult(flood.Acknowledged.Count), n => n >= acknowledgedAtRestore + 200, TimeSpan.FromSeconds(60),
            "postbacks acknowledged again after the database came back");
        var recovered = flood.Elapsed - up;
        await stop.CancelAsync();
        await flood.Completion;

        // Sent once the outage had begun (a batch in flight at the cut may still commit) and answered before it ended.
        var during = flood.Answers.Where(a => a.SentAt > down + TimeSpan.FromSeconds(0.5) && a.SentAt + a.Took < up).ToList();
        var postbacks = during.Where(a => a.Kind == "postback").ToList();
        var pixels = during.Where(a => a.Kind == "pixel").ToList();
        output.WriteLine($"{fault}, queue {queueCapacity}: RSS {before} MiB before, peak {peak} MiB; during the outage {postbacks.Count} postbacks, slowest " +
            $"{postbacks.Select(a => a.Took.TotalSeconds).DefaultIfEmpty().Max():0.00} s, {pixels.Count} pixels; acknowledged again " +
            $"{recovered.TotalSeconds:0.0} s after the restore; {flood.Acknowledged.Count} acknowledged in all");
        Assert.NotEmpty(postbacks);
        Assert.All(postbacks, a =>
        {
            Assert.Equal((503, "unavailable", "5"), (a.Status, a.Reason, a.RetryAfter));
            Assert.True(a.Took <= AcceptTimeout + Slack, $"a postback waited {a.Took.TotalSeconds:0.00} s");
        });
        Assert.NotEmpty(pixels);
        Assert.All(pixels, a => Assert.Equal((200, "image/gif"), (a.Status, a.ContentType)));
        Assert.All(pixels, a => Assert.True(a.Took <= AcceptTimeout + Slack, $"a pixel waited {a.Took.TotalSeconds:0.00} s"));
        if (queueCapacity < Senders)
            Assert.Contains(postbacks, a => a.Took < TimeSpan.FromSeconds(0.5));
        Assert.True(peak <= MemoryCeilingMiB, $"the API's memory peaked at {peak} MiB during the outage (ceiling {MemoryCeilingMiB} MiB)");

        await Ledger.WaitAllDecidedAsync(database.ConnectionString, TimeSpan.FromSeconds(120));
        var ledger = await Ledger.AssertExactlyOnceAsync(database.ConnectionString, flood.Acknowledged);
        output.WriteLine($"ledger: {ledger}");
    }
}
