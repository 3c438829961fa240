namespace Tracking.Infrastructure.Persistence;

/// <summary>
/// SQLite has one writer at a time and its busy handler waits by sleeping. The processes's own writers (the ingress
/// log and the worker) take turns through this gate instead, so neither sleeps on the other's lock.
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask<Releaser> EnterAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        return new Releaser(_gate);
    }

    public readonly struct Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
