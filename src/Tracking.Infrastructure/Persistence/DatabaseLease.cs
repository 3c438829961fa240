namespace Tracking.Infrastructure.Persistence;

/// <summary>
/// A held <see cref="DatabaseLeases"/> lease: renewed every third of its duration until disposed, then released.
/// <see cref="Lost"/> is cancelled when a renewal fails, so the work it guards stops before another holder can start.
/// </summary>
public sealed class DatabaseLease : IAsyncDisposable
{
    private readonly DatabaseLeases _leases;
    private readonly string _name;
    private readonly string _holder;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    internal DatabaseLease(DatabaseLeases leases, string name, string holder, TimeSpan duration)
    {
        (_leases, _name, _holder) = (leases, name, holder);
        _renewing = RenewAsync(duration);
    }

    public CancellationToken Lost => _lost.Token;

    private async Task RenewAsync(TimeSpan duration)
    {
        using var timer = new PeriodicTimer(duration / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!await _leases.TryClaimAsync(_name, _holder, duration, _stop.Token)) break;
            }
        }
        catch (Exception) when (!_stop.IsCancellationRequested)
        {
            // The database is unreachable: the lease cannot be vouched for any longer.
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await _lost.CancelAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        await _leases.ReleaseAsync(_name, _holder, CancellationToken.None);
        _stop.Dispose();
        _lost.Dispose();
    }
}
