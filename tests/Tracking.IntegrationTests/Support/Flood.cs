using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Tracking.IntegrationTests.Support;

/// <summary>One ingress answer: when it was sent (since the flood started), how long it took, its status and Retry-After.</summary>
public sealed record Answer(string Kind, TimeSpan SentAt, TimeSpan Took, int Status, string? RetryAfter, string? Reason, string? ContentType);

/// <summary>
/// Many senders at once, without pause, each sending a new postback and its pixel in turn: the pressure of advertisers
/// who keep sending while the tracker cannot record. Every answer is kept with its timing, every 200 acknowledged, and
/// the resident memory of the API process is sampled meanwhile.
/// </summary>
public sealed class Flood
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _peakRssBytes;

    public ConcurrentBag<Answer> Answers { get; } = [];
    public ConcurrentBag<(string HitId, string Order)> Acknowledged { get; } = [];
    public long PeakRssMiB => Interlocked.Read(ref _peakRssBytes) / (1024 * 1024);
    public TimeSpan Elapsed => _clock.Elapsed;
    public Task Completion { get; private set; } = Task.CompletedTask;

    public static Flood Start(HttpClient client, Seeded s, IReadOnlyList<string> clicks, int senders, int processId, CancellationToken stop)
    {
        var flood = new Flood();
        var tasks = Enumerable.Range(0, senders).Select(i => Task.Run(() => flood.SendAsync(client, s, clicks, i, stop))).ToList();
        tasks.Add(Task.Run(() => flood.SampleAsync(processId, stop)));
        flood.Completion = Task.WhenAll(tasks);
        return flood;
    }

    /// <summary>The resident memory of a process now (VmRSS), in MiB.</summary>
    public static long RssMiB(int processId) => RssBytes(processId) / (1024 * 1024);

    private async Task SendAsync(HttpClient client, Seeded s, IReadOnlyList<string> clicks, int sender, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var order = $"F{sender}-{n}";
            var click = clicks[(sender + n) % clicks.Count];
            var postback = await SendAsync(client, "postback", $"/postback?click_id={click}&goal=purchase&amount=10&order_id={order}&token={s.Token}", stop);
            if (postback is { Status: 200 } ok) Acknowledged.Add((ok.HitId!, order));
            await SendAsync(client, "pixel", $"/p/{s.OfferId}.gif?click_id={click}&goal=purchase&amount=10&order_id={order}", stop);
        }
    }

    private async Task<(int Status, string? HitId)?> SendAsync(HttpClient client, string kind, string url, CancellationToken stop)
    {
        var sentAt = _clock.Elapsed;
        try
        {
            using var response = await client.GetAsync(url, stop);
            var body = await response.Content.ReadAsStringAsync(stop);
            string? reason = null, hitId = null;
            if (response.Content.Headers.ContentType?.MediaType is "application/json" or "application/problem+json")
            {
                using var json = JsonDocument.Parse(body);
                reason = json.RootElement.TryGetProperty("reason", out var r) ? r.GetString() : null;
                hitId = json.RootElement.TryGetProperty("hit_id", out var h) ? h.GetString() : null;
            }
            Answers.Add(new Answer(kind, sentAt, _clock.Elapsed - sentAt, (int)response.StatusCode, response.Headers.RetryAfter?.ToString(),
                reason, response.Content.Headers.ContentType?.MediaType));
            return ((int)response.StatusCode, hitId);
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            return null;
        }
        catch (HttpRequestException)
        {
            Answers.Add(new Answer(kind, sentAt, _clock.Elapsed - sentAt, 0, null, null, null));
            return null;
        }
    }

    private async Task SampleAsync(int processId, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var rss = RssBytes(processId);
            if (rss > Interlocked.Read(ref _peakRssBytes)) Interlocked.Exchange(ref _peakRssBytes, rss);
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static long RssBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
