using System.Collections.Concurrent;
using Tracking.Infrastructure.Persistence;

namespace Tracking.IntegrationTests.Persistence;

/// <summary>
/// Issue 13: the SQLite write gate serves the ingress log (a request waits on its commit) before background writers that
/// asked earlier, serves background writers in the order they asked, starves neither side, and survives cancelled waits.
/// </summary>
public sealed class WriteGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWaitingIngressBatchGoesBeforeBackgroundWritersThatAskedEarlier()
    {
        var gate = new WriteGate();
        var order = new ConcurrentQueue<string>();
        var holder = await gate.EnterAsync(Ct);
        var worker = Background(gate, "worker", order);
        await Task.Delay(100, Ct);
        var forwarding = Background(gate, "forwarding", order);
        await Task.Delay(100, Ct);
        var ingress = Ingress(gate, order);
        await WaitUntilBlockedAsync(ingress);

        holder.Dispose();
        await Task.WhenAll(worker, forwarding, ingress).WaitAsync(Patience, Ct);
        Assert.Equal(["ingress", "worker", "forwarding"], order);
    }

    [Fact]
    public async Task TheIngressLogReleasingTheGateHandsItToAWaitingBackgroundWriterSoNeitherStarves()
    {
        var gate = new WriteGate();
        var order = new ConcurrentQueue<string>();
        var first = gate.Enter();
        var worker = Background(gate, "worker", order);
        await Task.Delay(100, Ct);
        Assert.False(worker.IsCompleted);
        // The ingress thread asks again right after releasing: the worker, already waiting, goes first.
        var again = Task.Run(() =>
        {
            first.Dispose();
            using var _ = gate.Enter();
            order.Enqueue("ingress");
        }, Ct);
        await Task.WhenAll(worker, again).WaitAsync(Patience, Ct);
        Assert.Equal(["worker", "ingress"], order);
    }

    [Fact]
    public async Task ACancelledWaitLeavesTheGateToTheNextWriter()
    {
        var gate = new WriteGate();
        var order = new ConcurrentQueue<string>();
        var holder = await gate.EnterAsync(Ct);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(cancel.Token).AsTask();
        var worker = Background(gate, "worker", order);
        await Task.Delay(100, Ct);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        holder.Dispose();
        await worker.WaitAsync(Patience, Ct);
        Assert.Equal(["worker"], order);
        // And the gate is free afterwards.
        using (await gate.EnterAsync(Ct).AsTask().WaitAsync(Patience, Ct)) { }
        await Task.Run(() => gate.Enter().Dispose(), Ct).WaitAsync(Patience, Ct);
    }

    [Fact]
    public async Task ManyWritersOfBothKindsNeverHoldTheGateTogether()
    {
        var gate = new WriteGate();
        var inside = 0;
        var most = 0;
        void Hold()
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            Thread.SpinWait(2000);
            Interlocked.Decrement(ref inside);
        }
        var background = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 300; i++)
                using (await gate.EnterAsync(Ct))
                    Hold();
        }, Ct));
        var ingress = Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < 1000; i++)
                using (gate.Enter())
                    Hold();
        }, Ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.WhenAll([.. background, ingress]).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(1, most);
    }

    [Fact]
    public async Task OnAServerDatabaseTheGateLetsEveryoneThrough()
    {
        var gate = new WriteGate(serialize: false);
        using var a = await gate.EnterAsync(Ct);
        using var b = await gate.EnterAsync(Ct).AsTask().WaitAsync(Patience, Ct);
        await Task.Run(() => gate.Enter().Dispose(), Ct).WaitAsync(Patience, Ct);
    }

    private static Task Background(WriteGate gate, string name, ConcurrentQueue<string> order) => Task.Run(async () =>
    {
        using var _ = await gate.EnterAsync(Ct);
        order.Enqueue(name);
    }, Ct);

    private static Task Ingress(WriteGate gate, ConcurrentQueue<string> order) => Task.Factory.StartNew(() =>
    {
        using var _ = gate.Enter();
        order.Enqueue("ingress");
    }, Ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>The ingress thread has had time to reach its wait (it cannot finish while the gate is held).</summary>
    private static async Task WaitUntilBlockedAsync(Task ingress)
    {
        await Task.Delay(200, Ct);
        Assert.False(ingress.IsCompleted);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
