using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Tracking.Api.Tests.Operations;

/// <summary>
/// SIGTERM under load, as an orchestrator stops a container: the process stops accepting, answers what it accepted,
/// commits it, exits 0 within the shutdown timeout, and every postback answered 200 is there and decided after a restart.
/// </summary>
public sealed class GracefulShutdownTests
{
    private const string AdminKey = "shutdown-test-key";
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SigtermUnderLoadExitsZeroAndLosesNoAcknowledgedHit()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = Path.Combine(Directory.CreateTempSubdirectory("tracking-shutdown-").FullName, "tracking.db");
        var settings = new Dictionary<string, string> { ["Tracking__Operations__ShutdownTimeout"] = "00:00:20" };
        var tally = new Tally();

        await using (var api = HostProcess.Start(database, AdminKey, settings))
        {
            await api.WaitReadyAsync();
            using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = api.Url };
            var token = await PostbackTokens.ReadAsync(api.Url, AdminKey);
            var click = (await client.GetAsync("/c/1?aff_id=1", ct)).Headers.Location!.OriginalString.Split("click_id=")[1].Split('&')[0];
            await Eventually.Until(() => Task.FromResult(Database.Scalar<long>(database, "SELECT COUNT(*) FROM clicks")), n => n >= 2);

            using var load = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var senders = Enumerable.Range(0, 8).Select(_ => Task.Run(() => SendAsync(client, click, token, tally, load.Token), ct)).ToList();

            await Eventually.Until(() => Task.FromResult(tally.Acknowledged.Count), n => n >= 300, TimeSpan.FromSeconds(60), "a load of acknowledged postbacks");
            tally.Terminating = true;
            var exited = await api.TerminateAsync(ShutdownTimeout + TimeSpan.FromSeconds(5));
            load.Cancel();
            await Task.WhenAll(senders);

            Assert.True(exited, "the API did not exit within its shutdown timeout:\n" + api.Output);
            Assert.True(api.ExitCode == 0, $"exit code {api.ExitCode}:\n{api.Output}");
            Assert.DoesNotContain("failed to commit", api.Output);
            TestContext.Current.TestOutputHelper?.WriteLine($"{tally.Acknowledged.Count} acknowledged, {tally.AnsweredAfterSigterm} of them after SIGTERM");
        }

        // Durable before any restart: the stop committed every answered hit.
        var stored = Database.Rows(database, "SELECT id FROM hits", r => r.GetString(0)).ToHashSet();
        Assert.All(tally.Acknowledged, id => Assert.Contains(id, stored));

        await using (var again = HostProcess.Start(database, AdminKey, settings))
        {
            await again.WaitReadyAsync();
            await Eventually.Until(() => Task.FromResult(Database.StagedOrUndecided(database)), n => n == 0,
                TimeSpan.FromSeconds(60), "every hit to be decided after the restart");
        }
        var outcomes = Database.Rows(database, "SELECT id, outcome FROM hits", r => (Id: r.GetString(0), Outcome: r.GetString(1))).ToDictionary(h => h.Id, h => h.Outcome);
        Assert.All(tally.Acknowledged, id => Assert.Equal("converted", outcomes[id]));
    }

    /// <summary>Postbacks of new orders until <paramref name="stop"/>; every one answered 200 is acknowledged.</summary>
    private static async Task SendAsync(HttpClient client, string click, string token, Tally tally, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var order = Interlocked.Increment(ref tally.Orders);
            try
            {
                var response = await client.GetAsync($"/postback?click_id={click}&goal=purchase&amount=10&order_id=S{order}&token={token}", stop);
                if (response.StatusCode != HttpStatusCode.OK) continue;
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop));
                tally.Acknowledged.Add(body.RootElement.GetProperty("hit_id").GetString()!);
                if (tally.Terminating) Interlocked.Increment(ref tally.AnsweredAfterSigterm);
            }
            catch (Exception) when (tally.Terminating || stop.IsCancellationRequested)
            {
                // Refused or reset while the server stops: not acknowledged, so nothing is promised about it.
                await Task.Delay(10, CancellationToken.None);
            }
        }
    }

    private sealed class Tally
    {
        public readonly ConcurrentBag<string> Acknowledged = [];
        public int Orders;
        public int AnsweredAfterSigterm;
        public volatile bool Terminating;
    }
}
