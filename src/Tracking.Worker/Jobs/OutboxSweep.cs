using MassTransit;
using Microsoft.EntityFrameworkCore;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Worker.Jobs;

/// <summary>
/// The loop every outbox sweep shares: a first round at start, then one each half of <see cref="After"/>; each round
/// publishes, page by page in id order, the ids of the rows due before its cutoff. A failed round is logged and the next
/// tick tries again.
/// </summary>
public abstract class OutboxSweep<TMessage>(IServiceScopeFactory scopes, IBus bus, TimeProvider time) : BackgroundService
    where TMessage : class
{
    private const int Page = 500;

    /// <summary>How long a row waits before a sweep publishes it again.</summary>
    protected abstract TimeSpan After { get; }

    /// <summary>The first round's cutoff (how long before now) and how many pages it may publish; later rounds: <see cref="After"/> and one page.</summary>
    protected virtual (TimeSpan Age, int Pages) FirstRound => (TimeSpan.Zero, int.MaxValue);

    /// <summary>The ids of the rows due before <paramref name="cutoff"/>.</summary>
    protected abstract IQueryable<string> Due(TrackingDbContext db, DateTime cutoff);

    protected abstract TMessage Message(IReadOnlyList<string> ids);

    protected abstract void LogSwept(int count);

    protected abstract void LogFailed(Exception ex);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (age, pages) = FirstRound;
        var cutoff = time.GetUtcNow().UtcDateTime - age;
        using var timer = new PeriodicTimer(After / 2, time);
        do
        {
            try
            {
                var swept = await RoundAsync(cutoff, pages, stoppingToken);
                if (swept > 0) LogSwept(swept);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
            }
            cutoff = time.GetUtcNow().UtcDateTime - After;
            pages = 1;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round; a sweep that must hold a lease wraps <see cref="SweepAsync"/> here.</summary>
    protected virtual Task<int> RoundAsync(DateTime cutoff, int pages, CancellationToken ct) => SweepAsync(cutoff, pages, ct);

    /// <summary>Publishes up to <paramref name="pages"/> pages of the rows due before <paramref name="cutoff"/>, in id order.</summary>
    public async Task<int> SweepAsync(DateTime cutoff, int pages, CancellationToken ct)
    {
        var total = 0;
        var last = "";
        for (var page = 0; page < pages; page++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
            // The cursor as an expression (id || ''), not the bare key: given "id > @last", SQLite's planner walks the primary key
            // from the cursor, which read all 1M conversions to find none due (issue 13), rather than the small partial index of the due rows.
            var ids = await Due(db, cutoff).Where(id => string.Compare(id + "", last) > 0).OrderBy(id => id).Take(Page).ToListAsync(ct);
            if (ids.Count == 0) return total;
            await bus.Publish(Message(ids), ct);
            total += ids.Count;
            last = ids[^1];
        }
        return total;
    }
}
