namespace Tracking.Infrastructure.Messaging;

/// <summary>A hit was committed to the hit log and awaits its outcome. Published after the commit; republished by the relay.</summary>
public sealed record HitRecorded(string HitId);
