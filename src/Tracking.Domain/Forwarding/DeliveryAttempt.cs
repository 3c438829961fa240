namespace Tracking.Domain.Forwarding;

/// <summary>What one request to the partner gave: a status code, or an error (network, timeout) without one.</summary>
public sealed record AttemptResult(int? StatusCode, string? Error, int LatencyMs, string? Response, TimeSpan? RetryAfter = null)
{
    public string Describe() => StatusCode is { } code ? $"HTTP {code}" : Error ?? "no answer";
}

/// <summary>One logged attempt of a delivery (SPEC 5): time, status code or error, latency, first 1 KB of the answer.</summary>
public sealed class DeliveryAttempt
{
    public const int MaxResponseBytes = 1024;

    private DeliveryAttempt() { }

    internal DeliveryAttempt(string deliveryId, AttemptResult result, DateTime at)
    {
        (DeliveryId, At, StatusCode, LatencyMs) = (deliveryId, at, result.StatusCode, result.LatencyMs);
        Error = result.Error is { Length: > 512 } e ? e[..512] : result.Error;
        Response = result.Response;
    }

    public long Id { get; private set; }
    public string DeliveryId { get; private set; } = "";
    public DateTime At { get; private set; }
    public int? StatusCode { get; private set; }
    public string? Error { get; private set; }
    public int LatencyMs { get; private set; }
    public string? Response { get; private set; }
}
