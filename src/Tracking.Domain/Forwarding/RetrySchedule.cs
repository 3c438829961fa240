namespace Tracking.Domain.Forwarding;

/// <summary><c>Gone</c> is a 410: the delivery fails and its template pauses.</summary>
public enum AttemptVerdict { Succeeded, Retry, Failed, Gone }

/// <summary>
/// SPEC 5 retries: exponential backoff from <see cref="BaseDelay"/>, doubled per attempt up to <see cref="MaxDelay"/>, with
/// "equal jitter" (half the delay fixed, half random) so that partners coming back are not hit by every worker at once;
/// a <c>Retry-After</c> longer than that is honoured; nothing is tried after <see cref="MaxAge"/> of retrying.
/// </summary>
public sealed record RetrySchedule(TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan MaxAge)
{
    public static AttemptVerdict Classify(int? statusCode) => statusCode switch
    {
        null => AttemptVerdict.Retry,
        >= 200 and < 300 => AttemptVerdict.Succeeded,
        408 or 429 or >= 500 => AttemptVerdict.Retry,
        410 => AttemptVerdict.Gone,
        _ => AttemptVerdict.Failed,
    };

    /// <summary>
    /// When to try again after the failed attempt number <paramref name="attempt"/> (1-based); null when the retry window that
    /// began at <paramref name="since"/> is over. The last try falls exactly at the end of the window. <paramref name="jitter"/> is in [0, 1).
    /// </summary>
    public DateTime? Next(int attempt, DateTime since, DateTime now, TimeSpan? retryAfter, double jitter)
    {
        var deadline = since + MaxAge;
        if (now >= deadline) return null;
        var exponent = Math.Min(attempt - 1, 40);
        var full = TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * Math.Pow(2, exponent)));
        var delay = full / 2 + full / 2 * Math.Clamp(jitter, 0, 1);
        if (retryAfter is { } wait && wait > delay) delay = wait;
        var at = now + delay;
        return at < deadline ? at : deadline;
    }
}
