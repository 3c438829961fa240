namespace Tracking.Infrastructure.Persistence;

/// <summary>
/// SQLite has one writer at a time and its busy handler waits by sleeping. The process's own writers (the ingress
/// log and the worker) take turns through this gate instead, so neither sleeps on the other's lock. A server database
/// takes many writers at once and locks rows itself: there the gate lets everyone through.
/// </summary>
public sealed class WriteGate(bool serialize = true)
{
    private readonly SemaphoreSlim? _gate = serialize ? new(1, 1) : null;

    /// <summary>For the ingress log's own thread.</summary>
    public Releaser Enter()
    {
        _gate?.Wait();
        return new Releaser(_gate);
    }

    public async ValueTask<Releaser> EnterAsync(CancellationToken ct)
    {
        if (_gate is not null) await _gate.WaitAsync(ct);
        return new Releaser(_gate);
    }

    public readonly struct Releaser(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
