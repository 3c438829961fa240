using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Polly.Timeout;
using Tracking.Domain.Forwarding;

namespace Tracking.Infrastructure.Forwarding;

/// <summary>
/// Sends one attempt of a delivery through the <c>forwarding</c> client (timeout, per-host connection limit, no redirects:
/// see <see cref="ForwardingServices"/>), with the delivery id as <c>Idempotency-Key</c> and, if asked, the signature.
/// Never throws for what the partner did: every outcome becomes an <see cref="AttemptResult"/> to log.
/// </summary>
public sealed class DeliverySender(IHttpClientFactory clients, TimeProvider time)
{
    public const string ClientName = "forwarding";

    public Task<AttemptResult> SendAsync(ClaimedDelivery delivery, CancellationToken ct) =>
        SendAsync(new OutboundRequest(delivery.Id, delivery.Method, delivery.Url, delivery.Body, delivery.Sign ? delivery.Secrets : []), ct);

    /// <summary>
    /// Sends one request as a delivery is sent: the same client, headers and signature, the outcome read the same way.
    /// Shared by the dispatcher's attempts and a template's test (which makes no delivery).
    /// </summary>
    public async Task<AttemptResult> SendAsync(OutboundRequest outbound, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(outbound.Method == ForwardingMethod.Post ? HttpMethod.Post : HttpMethod.Get, outbound.Url);
        if (outbound.Body is not null) request.Content = new StringContent(outbound.Body, Encoding.UTF8, "application/json");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", outbound.IdempotencyKey);
        if (outbound.SignWith.Count > 0)
        {
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
            var payload = outbound.Body ?? request.RequestUri!.AbsoluteUri;
            request.Headers.TryAddWithoutValidation(DeliverySignature.Header, DeliverySignature.HeaderValue(timestamp, payload, outbound.SignWith));
        }
        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var body = await ReadPrefixAsync(response.Content, ct);
            var status = (int)response.StatusCode;
            var location = response.Headers.Location;
            if (status is >= 300 and < 400 && location is not null) body = $"redirect to {location} not followed; {body}";
            return new AttemptResult(status, null, Elapsed(), body, RetryAfter(response));
        }
        catch (TimeoutRejectedException)
        {
            return new AttemptResult(null, "timeout: no answer within the time limit", Elapsed(), null);
        }
        catch (HttpRequestException ex)
        {
            var detail = ex.InnerException is SocketException socket ? $"{socket.SocketErrorCode}: {socket.Message}" : ex.Message;
            return new AttemptResult(null, $"network: {detail}", Elapsed(), null);
        }
        catch (IOException ex)
        {
            return new AttemptResult(null, $"network: {ex.Message}", Elapsed(), null);
        }
    }

    /// <summary>The first 1 KB of the answer; the rest is never read into memory.</summary>
    private static async Task<string?> ReadPrefixAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[DeliveryAttempt.MaxResponseBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - time.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero;
        return null;
    }
}
