using Tracking.Domain.Clicks;
using Tracking.Domain.Hits;

namespace Tracking.Infrastructure.Ingress;

/// <summary>Writes one batch of the ingress log in one transaction with the provider's cheapest path.</summary>
public interface IIngressWriter : IAsyncDisposable
{
    Task WriteAsync(IReadOnlyList<Hit> hits, IReadOnlyList<Click> clicks, CancellationToken ct);
}
