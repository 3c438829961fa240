using Tracking.Domain.Clicks;
using Tracking.Domain.Hits;

namespace Tracking.Infrastructure.Ingress;

/// <summary>
/// Writes one batch of the ingress log in one transaction with the provider's cheapest path. Synchronous on purpose:
/// it runs on the ingress log's own thread, never on the thread pool that serves requests.
/// </summary>
public interface IIngressWriter : IDisposable
{
    void Write(IReadOnlyList<Hit> hits, IReadOnlyList<Click> clicks);
}
