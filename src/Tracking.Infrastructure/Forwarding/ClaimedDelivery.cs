using Tracking.Domain.Forwarding;

namespace Tracking.Infrastructure.Forwarding;

/// <summary>A delivery a dispatcher holds the lease on (<see cref="Lease"/> is its <c>locked_by</c>), with the secrets to sign it.</summary>
public sealed record ClaimedDelivery(string Id, string Host, ForwardingMethod Method, string Url, string? Body, bool Sign,
    IReadOnlyList<string> Secrets, string Lease);
