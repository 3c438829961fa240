using Tracking.Domain.Catalog;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Hits;

namespace Tracking.Domain.Attribution;

/// <summary>
/// What the attribution use case reads and writes. Within one unit of work the finders also see what the work has
/// already added or changed, so the hits of a chunk are decided as if one after the other.
/// </summary>
public interface IAttributionStore
{
    /// <summary>Runs <paramref name="work"/> as one unit of work: all its changes are saved at the end in one transaction,
    /// or none (then the message is retried). Throws <see cref="ConcurrencyConflictException"/> when another worker got there first.</summary>
    Task InUnitOfWorkAsync(Func<Task> work, CancellationToken ct);
    /// <summary>
    /// Hits to decide in the next unit of work: <see cref="HitProcessor.ChunkSize"/>, or <see cref="HitProcessor.QuietChunkSize"/>
    /// where a longer transaction keeps nothing waiting (SQLite's single writer while the ingress log leaves it alone).
    /// </summary>
    int ChunkSize => HitProcessor.ChunkSize;
    Task<IReadOnlyList<Hit>> FindHitsAsync(IReadOnlyList<string> ids, CancellationToken ct);
    Task<Click?> FindClickAsync(string clickId, CancellationToken ct);
    Task<Conversion?> FindByKeyAsync(int offerId, string goal, string dedupKey, CancellationToken ct);
    /// <summary>A conversion of the offer and goal that has not seen <paramref name="missing"/> and carries the order id or event id.</summary>
    Task<Conversion?> FindByIdsAsync(int offerId, string goal, string? orderId, string? eventId, Method missing, CancellationToken ct);
    /// <summary>Keyless conversions of the click and goal that have not seen <paramref name="missing"/>.</summary>
    Task<IReadOnlyList<Conversion>> FindKeylessAsync(string clickId, string goal, Method missing, CancellationToken ct);
    /// <summary>Pixel hits parked as <c>no_click_id</c> with the offer, goal and one of the ids, oldest first.</summary>
    Task<IReadOnlyList<Hit>> FindParkedPixelsAsync(int offerId, string goal, string? orderId, string? eventId, CancellationToken ct);
    /// <summary>
    /// Whether the affiliate has a forwarding template. Without one a conversion's change has no delivery to plan, so the
    /// use case does not mark it for forwarding (decision 0005, addendum 2): no second write of the row, no message.
    /// </summary>
    ValueTask<bool> ForwardsToAsync(int? affiliateId, CancellationToken ct);
    void Add(Conversion conversion);
}

/// <summary>Offers, goals, advertisers and affiliates as cached snapshots: no database round trip on hot paths.</summary>
public interface ICatalog
{
    ValueTask<OfferInfo?> FindOfferAsync(int id, CancellationToken ct = default);
    ValueTask<AdvertiserInfo?> FindAdvertiserAsync(int id, CancellationToken ct = default);
    ValueTask<bool> AffiliateExistsAsync(int id, CancellationToken ct = default);
    /// <summary>Drops the snapshot after a change through the management API.</summary>
    void Invalidate();
}

/// <summary>
/// The durable hit log. <see cref="AppendHitAsync"/> completes once the hit is committed (group commit: many requests share
/// one transaction); the hit is then published to the worker. Clicks are written in the same batches without waiting.
/// </summary>
public interface IIngressLog
{
    ValueTask AppendHitAsync(Hit hit, CancellationToken ct);
    ValueTask EnqueueClickAsync(Click click, CancellationToken ct);
}

/// <summary>The hit could not be recorded durably (<see cref="IIngressLog"/>): the caller must not be told it was accepted.</summary>
public sealed class IngressUnavailableException(Exception inner) : Exception("The hit log is unavailable.", inner);

/// <summary>A click id is valid but its row is not stored yet (its write is still in flight): retry later.</summary>
public sealed class ClickNotYetStoredException(string clickId) : Exception($"Click {clickId} is not stored yet.");

/// <summary>Another process committed a conflicting change (unique key or concurrency token): retry the message.</summary>
public sealed class ConcurrencyConflictException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Signatures of inbound postbacks already accepted (issue 12.1), so a captured request cannot be replayed while its
/// timestamp is still within the tolerance. Held in the database (a unique key), so it holds across API processes.
/// </summary>
public interface ISignatureLedger
{
    /// <summary>True the first time <paramref name="signature"/> is claimed; false when it was seen before <paramref name="expiresAt"/>.</summary>
    ValueTask<bool> TryClaimAsync(string signature, DateTime expiresAt, CancellationToken ct);
}
