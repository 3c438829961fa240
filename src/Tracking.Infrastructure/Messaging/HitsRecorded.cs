namespace Tracking.Infrastructure.Messaging;

/// <summary>
/// Hits were committed to the hit log and await their outcome: the ingress log gathers the undecided hit ids of its
/// commits into messages of up to a few of the worker's chunks (<c>Bus:PublishLinger</c>), so the worker decides them in
/// a few transactions instead of one per hit or per commit. Published after the commit; published again by the relay.
/// </summary>
public sealed record HitsRecorded(IReadOnlyList<string> HitIds)
{
    /// <summary>The worker's queue (and RabbitMQ exchange) for this message.</summary>
    public const string Queue = "hits-recorded";
}
