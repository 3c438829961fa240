using Tracking.Domain.Common;

namespace Tracking.Domain.Reconciliation;

/// <summary>A hit as the reconciliation explanation sees it.</summary>
public sealed record HitTrace(Method Method, DateTime ReceivedAt, string? Outcome, string? Goal, string? ClickId, string? OrderId, string? EventId, string? ConversionId);

/// <summary>
/// What the store found around a one-method conversion: hits of the missing method for its click, cookieless pixels of
/// the offer near it in time, and how many hits of the missing method the offer received since the click.
/// </summary>
public sealed record Evidence(IReadOnlyList<HitTrace> SameClick, IReadOnlyList<HitTrace> CookielessPixels, int OfferHitsSince);
