using Tracking.Domain.Forwarding;

namespace Tracking.Infrastructure.Forwarding;

/// <summary>
/// One request to a partner as <see cref="DeliverySender"/> sends it: <paramref name="IdempotencyKey"/> as <c>Idempotency-Key</c>,
/// a JSON <paramref name="Body"/> for a POST, and an <c>X-Signature</c> made with each of <paramref name="SignWith"/> (none: unsigned).
/// </summary>
public sealed record OutboundRequest(string IdempotencyKey, ForwardingMethod Method, string Url, string? Body, IReadOnlyList<string> SignWith);
