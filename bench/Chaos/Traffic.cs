using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Chaos;

/// <summary>One answer the load got: when, for which request kind, and with which status (0: no answer at all).</summary>
public sealed record Sent(DateTime At, string Kind, int Status);

/// <summary>
/// Advertisers' traffic at a steady pace until stopped: per order a postback, half the time its pixel, a quarter of the
/// time the same postback again. A postback answered 200 is acknowledged: its hit id and order are kept with the time.
/// </summary>
public sealed class Traffic(Uri api, string token, IReadOnlyList<string> clicks, TimeSpan pause)
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = api,
        Timeout = TimeSpan.FromSeconds(10),
    };
    private int _orders;

    public ConcurrentQueue<Sent> Answers { get; } = new();
    public ConcurrentQueue<(DateTime At, string HitId, string Order)> Acknowledged { get; } = new();

    public Task RunAsync(int senders, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, senders).Select(i => Task.Run(() => SendAsync(new Random(i), stop))));

    private async Task SendAsync(Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var order = "chaos-" + Interlocked.Increment(ref _orders).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var click = clicks[random.Next(clicks.Count)];
            var postback = $"/postback?click_id={click}&goal=purchase&amount=10&order_id={order}&token={token}";
            await SendAsync("postback", postback, order, stop);
            if (random.Next(2) == 0) await SendAsync("pixel", $"/p/1.gif?click_id={click}&goal=purchase&amount=10&order_id={order}", order, stop);
            if (random.Next(4) == 0) await SendAsync("postback", postback, order, stop);
            try
            {
                await Task.Delay(pause, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendAsync(string kind, string url, string order, CancellationToken stop)
    {
        var status = 0;
        try
        {
            using var response = await _client.GetAsync(url, stop);
            status = (int)response.StatusCode;
            if (kind == "postback" && response.StatusCode == HttpStatusCode.OK)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop));
                Acknowledged.Enqueue((DateTime.UtcNow, body.RootElement.GetProperty("hit_id").GetString()!, order));
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // No answer (the API is down, or too slow): the request was not acknowledged.
        }
        Answers.Enqueue(new Sent(DateTime.UtcNow, kind, status));
    }
}
