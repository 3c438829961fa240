using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tracking.Api.Tests.Operations;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, traces, metrics and logs go to the collector (here a listener that keeps the bodies).</summary>
public sealed class OtlpExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TracesMetricsAndLogsAreExportedOverOtlpWithoutTheProbes()
    {
        using var collector = new Collector();
        var database = Path.Combine(Directory.CreateTempSubdirectory("tracking-otlp-").FullName, "tracking.db");
        await using var api = HostProcess.Start(database, "otlp-test-key", new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        await api.WaitReadyAsync();
        using var client = new HttpClient { BaseAddress = api.Url };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);
        var token = await PostbackTokens.ReadAsync(api.Url, "otlp-test-key");
        await client.GetAsync($"/postback?click_id=FF5X3K3qg-----3----0JxL7oeZiJ3UOoSKS&goal=purchase&token={token}", Ct);
        await client.GetAsync("/p/1.gif?goal=purchase&order_id=X", Ct);

        await Eventually.Until(() => Task.FromResult(collector.Text("/v1/traces")), t => t.Contains("ingress commit") && t.Contains("decide hits"),
            TimeSpan.FromSeconds(30), "the ingress and worker spans");
        var traces = collector.Text("/v1/traces");
        Assert.Contains("tracking-api", traces);
        Assert.Contains("/p/{offer_id:int}.gif", traces);
        Assert.DoesNotContain("/health", traces);
        await Eventually.Until(() => Task.FromResult(collector.Text("/v1/metrics")), t => t.Contains("tracking.hits.decided"),
            TimeSpan.FromSeconds(30), "the Tracking meter over OTLP");
        await Eventually.Until(() => Task.FromResult(collector.Text("/v1/logs")), t => t.Length > 0, TimeSpan.FromSeconds(30), "logs over OTLP");
    }

    /// <summary>An OTLP/HTTP endpoint that answers 200 and keeps each body by path (protobuf keeps strings as UTF-8).</summary>
    private sealed class Collector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _bodies = new();

        public Collector()
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
            }
            _listener.Prefixes.Add(Url + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public string Text(string path) =>
            _bodies.TryGetValue(path, out var bodies) ? string.Concat(bodies.Select(b => Encoding.UTF8.GetString(b))) : "";

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (!_listener.IsListening)
                {
                    return;
                }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _bodies.GetOrAdd(context.Request.Url!.AbsolutePath, _ => new()).Enqueue(body.ToArray());
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
    }
}
