namespace Tracking.Testing;

/// <summary>
/// The system clock moved forward by <see cref="Advance"/>: the app sees days pass at once (a hold period, a grace period)
/// while its timers and elapsed times keep running in real time, so its jobs go on ticking as usual.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
