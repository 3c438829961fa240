using Tracking.Domain.Conversions;

namespace Tracking.Domain.Forwarding;

/// <summary>What the delivery planner reads and writes; one unit of work per message, saved at the end or not at all.</summary>
public interface IForwardingStore
{
    /// <summary>Throws <see cref="Attribution.ConcurrencyConflictException"/> when another worker made the same delivery or changed a conversion first.</summary>
    Task InUnitOfWorkAsync(Func<Task> work, CancellationToken ct);
    /// <summary>
    /// Marks planned, at once and without loading them, the conversions among <paramref name="ids"/> still due whose
    /// affiliate has no forwarding template at all: planning them would make nothing. One atomic step, so a template
    /// created meanwhile either exists for it (and the conversion stays due) or comes after its planning. Returns how many
    /// it marked.
    /// </summary>
    Task<int> PlanWithoutTemplatesAsync(IReadOnlyList<string> ids, CancellationToken ct);
    /// <summary>The conversions among <paramref name="ids"/> still marked as due for forwarding, tracked.</summary>
    Task<IReadOnlyList<Conversion>> FindDueAsync(IReadOnlyList<string> ids, CancellationToken ct);
    Task<IReadOnlyList<ForwardingTemplate>> FindTemplatesAsync(IReadOnlyList<int> affiliateIds, CancellationToken ct);
    Task<IReadOnlyList<Delivery>> FindDeliveriesAsync(IReadOnlyList<string> conversionIds, CancellationToken ct);
    void Add(Delivery delivery);
}

/// <summary>
/// Tells the forwarding side that conversions were created or changed status (after the change is committed). Losing the
/// message loses nothing: the conversions stay marked until planned, and a sweep publishes them again.
/// </summary>
public interface IConversionEvents
{
    Task ChangedAsync(IReadOnlyList<string> conversionIds, CancellationToken ct);
}
