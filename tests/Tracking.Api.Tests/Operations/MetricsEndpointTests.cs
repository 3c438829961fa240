using System.Net;
using static Tracking.Api.Tests.Operations.PrometheusText;

namespace Tracking.Api.Tests.Operations;

/// <summary>
/// <c>/metrics</c> after known traffic. A child process, because the OpenTelemetry SDK listens to every meter of its name
/// in the process, and other tests' apps in this one would add to the counts.
/// </summary>
public sealed class MetricsEndpointTests
{
    private const string AdminKey = "metrics-test-key";
    private static readonly Dictionary<string, string> FastProbe = new() { ["Tracking__Operations__QueueProbeEvery"] = "00:00:01" };
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MetricsCountAcceptedHitsTheirOutcomesConversionsAndMerges()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("tracking-metrics-").FullName, "tracking.db");
        await using var api = HostProcess.Start(database, AdminKey, FastProbe);
        await api.WaitReadyAsync();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = api.Url };
        var token = await PostbackTokens.ReadAsync(api.Url, AdminKey);
        var click = (await client.GetAsync("/c/1?aff_id=1", Ct)).Headers.Location!.OriginalString.Split("click_id=")[1].Split('&')[0];

        foreach (var order in new[] { "A", "B", "C" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/postback?click_id={click}&goal=purchase&amount=10&order_id={order}&token={token}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/p/1.gif?click_id={click}&goal=purchase&amount=10&order_id=A", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/postback?click_id={click}&goal=purchase&order_id=D&token=wrong", Ct)).StatusCode);

        var text = await Eventually.Until(() => client.GetStringAsync("/metrics", Ct),
            t => Value(t, "tracking_hits_decided_total") == 5 && Value(t, "tracking_queue_undecided") == 0, TimeSpan.FromSeconds(30), "every hit in /metrics");
        Assert.Equal(3, Value(text, "tracking_hits_accepted_total", ("method", "postback")));
        Assert.Equal(1, Value(text, "tracking_hits_accepted_total", ("method", "pixel")));
        Assert.Equal(3, Value(text, "tracking_hits_decided_total", ("outcome", "converted"), ("method", "postback")));
        Assert.Equal(1, Value(text, "tracking_hits_decided_total", ("outcome", "merged"), ("method", "pixel")));
        Assert.Equal(1, Value(text, "tracking_hits_decided_total", ("outcome", "token_invalid")));
        Assert.Equal(3, Value(text, "tracking_conversions_created_total"));
        Assert.Equal(1, Value(text, "tracking_conversions_merged_total"));
        Assert.Equal(4, Value(text, "tracking_hit_processing_latency_seconds_count"));
        Assert.True(Value(text, "tracking_ingress_batch_size_sum") >= 6, "5 hits and at least one click were committed");
        Assert.True(Value(text, "tracking_ingress_commit_duration_seconds_count") >= 1);
        Assert.Equal(0, Value(text, "tracking_queue_lag_seconds"));
        Assert.NotNull(Value(text, "http_server_request_duration_seconds_count", ("http_route", "/postback/")));
    }

    [Fact]
    public async Task TheStandaloneWorkerAnswersHealthAndMetricsOnItsOwnPort()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("tracking-worker-").FullName, "tracking.db");
        await using var worker = HostProcess.Start(database, AdminKey, FastProbe, project: "Tracking.Worker");
        await worker.WaitHealthyAsync();
        using var client = new HttpClient { BaseAddress = worker.Url };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
        var ready = await client.GetStringAsync("/health/ready", Ct);
        Assert.Contains("\"database\":{\"status\":\"Healthy\"", ready);
        Assert.Contains("\"masstransit-bus\":{\"status\":\"Healthy\"", ready);
        var text = await Eventually.Until(() => client.GetStringAsync("/metrics", Ct), t => Value(t, "tracking_queue_undecided") is not null,
            TimeSpan.FromSeconds(20), "the queue gauges");
        Assert.Equal(0, Value(text, "tracking_queue_undecided"));
        Assert.NotNull(Value(text, "dotnet_gc_collections_total"));
    }

    [Fact]
    public async Task TheMetricsEndpointCanBeTurnedOff()
    {
        await using var app = new TrackingApp().With("Tracking:Operations:MetricsEndpoint", "false");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Public().GetAsync("/metrics", Ct)).StatusCode);
    }
}
