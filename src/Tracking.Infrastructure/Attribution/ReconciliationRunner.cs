using Microsoft.Extensions.DependencyInjection;
using Tracking.Domain.Reconciliation;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Attribution;

/// <summary>
/// Runs the reconciliation sweep one at a time across every process on the database, whether a worker's timer or the
/// API asked: in this process through a semaphore, across processes through the <c>reconciliation</c> lease.
/// </summary>
public sealed class ReconciliationRunner(IServiceScopeFactory scopes, DatabaseLeases leases)
{
    public const string Lease = "reconciliation";
    private static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Runs the sweep now, after the one another process may be running (<c>POST /api/reconciliation/run</c>).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        while (true)
        {
            if (await TryRunAsync(ct) is int flagged) return flagged;
            await Task.Delay(PollEvery, ct);
        }
    }

    /// <summary>Runs the sweep unless another process holds it (then null: the timer's next tick tries again).</summary>
    public async Task<int?> TryRunAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var lease = await leases.TryAcquireAsync(Lease, LeaseFor, ct);
            if (lease is null) return null;
            using var guarded = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Reconciler>().RunAsync(guarded.Token);
        }
        finally
        {
            _gate.Release();
        }
    }
}
