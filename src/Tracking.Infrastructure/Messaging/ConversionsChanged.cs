namespace Tracking.Infrastructure.Messaging;

/// <summary>
/// Conversions were created or changed status and their deliveries are due to be planned (SPEC 5). Published after the
/// commit, one message per chunk of hits or per API change; published again by the forwarding sweep when lost.
/// </summary>
public sealed record ConversionsChanged(IReadOnlyList<string> ConversionIds);
