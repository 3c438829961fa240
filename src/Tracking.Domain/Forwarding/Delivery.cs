namespace Tracking.Domain.Forwarding;

public enum DeliveryState { Pending, Succeeded, Failed, Paused }

/// <summary><c>Forward</c>: the conversion itself; <c>Reversal</c>: the call that takes it back after a rejection.</summary>
public enum DeliveryKind { Forward, Reversal }

/// <summary>
/// One outbound postback of one conversion to one affiliate URL, with all its attempts (SPEC 2, 5). The URL and body are
/// filled once, when the delivery is created, so every attempt and every replay sends the same request; the id is the
/// <c>Idempotency-Key</c>.
/// </summary>
public sealed class Delivery
{
    private readonly List<DeliveryAttempt> _attempts = [];

    private Delivery() { }

    public Delivery(string id, string conversionId, ForwardingTemplate template, DeliveryKind kind, int offerId, string url, string? body, DateTime now)
    {
        (Id, ConversionId, TemplateId, AffiliateId, OfferId, Kind) = (id, conversionId, template.Id, template.AffiliateId, offerId, kind);
        (Method, Url, Body, Sign) = (template.Method, url, body, template.Sign);
        Host = new Uri(url).Host;
        State = template.State == TemplateState.Paused ? DeliveryState.Paused : DeliveryState.Pending;
        CreatedAt = RetryingSince = now;
        NextAttemptAt = now;
    }

    public string Id { get; private set; } = "";
    public string ConversionId { get; private set; } = "";
    public int TemplateId { get; private set; }
    public int AffiliateId { get; private set; }
    public int OfferId { get; private set; }
    public DeliveryKind Kind { get; private set; }
    public ForwardingMethod Method { get; private set; }
    public string Url { get; private set; } = "";
    /// <summary>The lower-case host of <see cref="Url"/>: the dispatcher limits requests in flight per host.</summary>
    public string Host { get; private set; } = "";
    public string? Body { get; private set; }
    public bool Sign { get; private set; }
    public DeliveryState State { get; private set; }
    public int AttemptCount { get; private set; }
    public DateTime CreatedAt { get; private set; }
    /// <summary>Start of the current retry window (creation, replay or resumption): retries end <c>MaxAge</c> after it.</summary>
    public DateTime RetryingSince { get; private set; }
    public DateTime? NextAttemptAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>The dispatcher's lease: while it lasts no other worker claims the delivery.</summary>
    public DateTime? LockedUntil { get; private set; }
    public string? LockedBy { get; private set; }
    public IReadOnlyList<DeliveryAttempt> Attempts => _attempts;

    /// <summary>Logs one attempt and decides what comes next (SPEC 5): done, failed, or the next try per the schedule.</summary>
    public AttemptVerdict Record(AttemptResult result, RetrySchedule schedule, bool templatePaused, DateTime now, double jitter)
    {
        _attempts.Add(new DeliveryAttempt(Id, result, now));
        AttemptCount++;
        (LockedUntil, LockedBy) = (null, null);
        var verdict = RetrySchedule.Classify(result.StatusCode);
        LastError = verdict == AttemptVerdict.Succeeded ? null : result.Describe();
        var next = verdict == AttemptVerdict.Retry ? schedule.Next(AttemptCount, RetryingSince, now, result.RetryAfter, jitter) : null;
        if (verdict == AttemptVerdict.Retry && next is null) verdict = AttemptVerdict.Failed;
        switch (verdict)
        {
            case AttemptVerdict.Succeeded: Complete(DeliveryState.Succeeded, now); break;
            case AttemptVerdict.Retry: (State, NextAttemptAt) = (templatePaused ? DeliveryState.Paused : DeliveryState.Pending, next); break;
            default: Complete(DeliveryState.Failed, now); break;
        }
        return verdict;
    }

    /// <summary>
    /// Sends again as soon as a dispatcher is free, with the same id and request, and a fresh retry window. A lease in
    /// force is left alone: the attempt under way finishes and is logged first.
    /// </summary>
    public void Replay(DateTime now) => (State, NextAttemptAt, RetryingSince, CompletedAt) = (DeliveryState.Pending, now, now, null);

    private void Complete(DeliveryState state, DateTime now) => (State, NextAttemptAt, CompletedAt) = (state, null, now);
}
