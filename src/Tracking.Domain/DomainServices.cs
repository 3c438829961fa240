using Tracking.Domain.Attribution;
using Tracking.Domain.Reconciliation;

namespace Tracking.Domain;

/// <summary>
/// The domain's own services, for each host's container: scoped, one per unit of work (a message, a request). A list, not
/// an <c>AddDomain</c> extension here, because the domain references nothing outside the BCL and the mediator abstractions;
/// <c>Tracking.Infrastructure</c>'s <c>AddDomain</c> registers it.
/// </summary>
public static class DomainServices
{
    public static IReadOnlyList<Type> Scoped { get; } = [typeof(HitProcessor), typeof(Reconciler), typeof(UseCases.ReceiveConversion.PostbackAuthentication)];
}
