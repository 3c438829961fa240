using Microsoft.Extensions.DependencyInjection;
using Tracking.Domain.Reconciliation;

namespace Tracking.Infrastructure.Attribution;

/// <summary>Runs the reconciliation sweep one at a time in this process, whether the timer or the API asked.</summary>
public sealed class ReconciliationRunner(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Reconciler>().RunAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }
}
