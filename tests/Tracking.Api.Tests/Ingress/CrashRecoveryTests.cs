using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using static Tracking.Testing.Database;

namespace Tracking.Api.Tests.Ingress;

/// <summary>
/// SPEC 3.4 and the durable-acceptance guarantee: kill the process with SIGKILL in the middle of a load of pixels,
/// postbacks and duplicates, start it again on the same SQLite file, and check that every hit answered 200 was
/// processed, and none twice. Run twice: as configured by default, and with <c>Ingress:MaxUndecided</c> so low that the
/// mover holds staged hits back for the worker all along (decision 0023), so the kills land while hits are held.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const string AdminKey = "crash-test-key";

    [Theory]
    [InlineData(null)]
    [InlineData(10)]
    public async Task EveryAcknowledgedHitIsProcessedExactlyOnceAcrossSigkills(int? maxUndecided)
    {
        var settings = maxUndecided is { } max ? new Dictionary<string, string> { ["Tracking__Ingress__MaxUndecided"] = $"{max}" } : null;
        var held = 0;
        var folder = Directory.CreateTempSubdirectory("tracking-crash-").FullName;
        var database = Path.Combine(folder, "tracking.db");
        var acknowledged = new ConcurrentBag<(string HitId, string Order)>();
        var orders = 0;

        for (var cycle = 0; cycle < 2; cycle++)
        {
            await using var api = HostProcess.Start(database, AdminKey, settings);
            await api.WaitReadyAsync();
            using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = api.Url };
            var clicks = await ClicksAsync(client, database, expectedTotal: 20 * (cycle + 1));

            using var load = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var token = await PostbackTokens.ReadAsync(api.Url, AdminKey);
            var senders = Enumerable.Range(0, 8)
                .Select(sender => Task.Run(() => SendAsync(client, new Random(sender), clicks, token, () => $"C{cycle}-{Interlocked.Increment(ref orders)}",
                    acknowledged, load.Token), Ct))
                .ToList();

            var before = acknowledged.Count;
            await Eventually.Until(() => Task.FromResult(acknowledged.Count), n => n >= before + 300, TimeSpan.FromSeconds(60), "a load of acknowledged postbacks");
            api.Kill();
            load.Cancel();
            await Task.WhenAll(senders);
            if (api.Output.Contains("staged hits are held back", StringComparison.Ordinal)) held++;
        }
        if (maxUndecided is not null) Assert.True(held > 0, "the mover never held staged hits back for the worker: the bound was not exercised");

        await using (var last = HostProcess.Start(database, AdminKey, settings))
        {
            await last.WaitReadyAsync();
            // Staged hits a killed process left count too: the restarted host moves them into the table after it is ready.
            await Eventually.Until(() => Task.FromResult(StagedOrUndecided(database)), n => n == 0,
                TimeSpan.FromSeconds(90), "every hit to be decided after the restart");
        }
        AssertEachAcknowledgedHitCountedOnce(database, acknowledged);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Twenty clicks of offer 1, once the database holds <paramref name="expectedTotal"/>.</summary>
    private static async Task<List<string>> ClicksAsync(HttpClient client, string database, int expectedTotal)
    {
        var clicks = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var location = (await client.GetAsync("/c/1?aff_id=1", Ct)).Headers.Location!.OriginalString;
            clicks.Add(location.Split("click_id=")[1].Split('&')[0]);
        }
        await Eventually.Until(() => Task.FromResult(Scalar<long>(database, "SELECT COUNT(*) FROM clicks")), n => n >= expectedTotal);
        return clicks;
    }

    /// <summary>
    /// Until <paramref name="stop"/>: a postback, sometimes its pixel, sometimes a duplicate postback, all of which must end
    /// as one conversion; every postback answered 200 is acknowledged.
    /// </summary>
    private static async Task SendAsync(HttpClient client, Random random, List<string> clicks, string token, Func<string> nextOrder,
        ConcurrentBag<(string HitId, string Order)> acknowledged, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var order = nextOrder();
            var click = clicks[random.Next(clicks.Count)];
            var urls = new List<string> { $"/postback?click_id={click}&goal=purchase&amount=10&order_id={order}&token={token}" };
            if (random.Next(2) == 0) urls.Add($"/p/1.gif?click_id={click}&goal=purchase&amount=10&order_id={order}");
            if (random.Next(4) == 0) urls.Add(urls[0]);
            foreach (var url in urls)
            {
                try
                {
                    var response = await client.GetAsync(url, stop);
                    if (response.StatusCode == HttpStatusCode.OK && url.StartsWith("/postback"))
                    {
                        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop));
                        acknowledged.Add((body.RootElement.GetProperty("hit_id").GetString()!, order));
                    }
                }
                catch (Exception)
                {
                    // Killed mid-request: not acknowledged, so nothing is promised about it.
                    if (stop.IsCancellationRequested) return;
                }
            }
        }
    }

    private static void AssertEachAcknowledgedHitCountedOnce(string database, ConcurrentBag<(string HitId, string Order)> acknowledged)
    {
        // Every acknowledged hit is there, decided as part of a conversion.
        var outcomes = Rows(database, "SELECT id, outcome, conversion_id FROM hits", r => (Id: r.GetString(0), Outcome: r.GetString(1), Conversion: r.IsDBNull(2) ? null : r.GetString(2)))
            .ToDictionary(h => h.Id);
        Assert.All(acknowledged, a => Assert.Contains(outcomes[a.HitId].Outcome, new[] { "converted", "merged", "duplicate" }));
        // One conversion per acknowledged order.
        var keys = Rows(database, "SELECT dedup_key FROM conversions", r => r.GetString(0)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(acknowledged.Select(a => a.Order).Distinct(), order => Assert.Contains("o:" + order, keys));
        // None processed twice: each conversion counts exactly the duplicates that point at it, and one hit per method.
        var conversions = Rows(database, "SELECT id, duplicate_count, (pixel_hit_id IS NOT NULL) + (postback_hit_id IS NOT NULL) FROM conversions",
            r => (Id: r.GetString(0), Duplicates: r.GetInt32(1), Methods: r.GetInt32(2))).ToList();
        var byConversion = outcomes.Values.Where(h => h.Conversion is not null).ToLookup(h => h.Conversion!);
        Assert.All(conversions, c =>
        {
            Assert.Equal(c.Duplicates, byConversion[c.Id].Count(h => h.Outcome == "duplicate"));
            Assert.Equal(c.Methods, byConversion[c.Id].Count(h => h.Outcome is "converted" or "merged"));
        });
        Assert.True(acknowledged.Count >= 600, $"only {acknowledged.Count} postbacks were acknowledged");
    }
}
