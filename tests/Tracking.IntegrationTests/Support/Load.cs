using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Tracking.IntegrationTests.Support;

/// <summary>
/// Advertisers' traffic until stopped: per order a postback, half the time its pixel, a quarter of the time the same
/// postback again. Postbacks answered 200 are acknowledged (SPEC 3.4 promises them); 503s and failed requests are counted.
/// </summary>
public sealed class Load
{
    private int _orders;
    private int _unavailable;
    private int _failed;
    private int _sent;

    public ConcurrentBag<(string HitId, string Order)> Acknowledged { get; } = [];
    public int Unavailable => _unavailable;
    public int Failed => _failed;
    public int Sent => _sent;
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Each of <paramref name="senders"/> sends an order's requests, then pauses 10 ms (the volume stays within what a test can wait for).</summary>
    public static Load Start(HttpClient client, Seeded s, IReadOnlyList<string> clicks, int senders, string prefix, CancellationToken stop)
    {
        var load = new Load();
        load.Completion = Task.WhenAll(Enumerable.Range(0, senders).Select(i => Task.Run(() => load.SendAsync(client, s, clicks, i, prefix, stop))));
        return load;
    }

    public override string ToString() =>
        $"{Sent} requests, {Acknowledged.Count} postbacks acknowledged (200), {Unavailable} answered 503, {Failed} failed otherwise";

    private async Task SendAsync(HttpClient client, Seeded s, IReadOnlyList<string> clicks, int sender, string prefix, CancellationToken stop)
    {
        var random = new Random(sender);
        while (!stop.IsCancellationRequested)
        {
            var order = $"{prefix}-{Interlocked.Increment(ref _orders)}";
            var click = clicks[random.Next(clicks.Count)];
            var postback = $"/postback?click_id={click}&goal=purchase&amount=10&order_id={order}&token={s.Token}";
            var urls = new List<string> { postback };
            if (random.Next(2) == 0) urls.Add($"/p/{s.OfferId}.gif?click_id={click}&goal=purchase&amount=10&order_id={order}");
            if (random.Next(4) == 0) urls.Add(postback);
            foreach (var url in urls)
            {
                Interlocked.Increment(ref _sent);
                try
                {
                    using var response = await client.GetAsync(url, stop);
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable) Interlocked.Increment(ref _unavailable);
                    else if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref _failed);
                    else if (url.StartsWith("/postback"))
                    {
                        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop));
                        Acknowledged.Add((body.RootElement.GetProperty("hit_id").GetString()!, order));
                    }
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref _failed);
                }
            }
            try
            {
                await Task.Delay(10, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
