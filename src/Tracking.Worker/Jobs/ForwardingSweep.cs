using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Messaging;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Worker.Jobs;

/// <summary>
/// The conversions' forwarding marker is the outbox of <see cref="ConversionsChanged"/>, as the hit log is for hits: on
/// start every marked conversion is published again (a worker may have died between its commit and its publish); then
/// each tick publishes a page of those marked for longer than <c>SweepAfter</c>. Planning twice makes nothing twice.
/// </summary>
public sealed partial class ForwardingSweep(IServiceScopeFactory scopes, IBus bus, IOptions<TrackingOptions> options, TimeProvider time,
    ILogger<ForwardingSweep> logger) : BackgroundService
{
    private const int Page = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var after = options.Value.Forwarding.SweepAfter;
        var cutoff = time.GetUtcNow().UtcDateTime;
        var pages = int.MaxValue;
        using var timer = new PeriodicTimer(after / 2, time);
        do
        {
            try
            {
                var swept = await SweepAsync(cutoff, pages, stoppingToken);
                if (swept > 0) LogSwept(swept);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
            }
            cutoff = time.GetUtcNow().UtcDateTime - after;
            pages = 1;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<int> SweepAsync(DateTime cutoff, int pages, CancellationToken ct)
    {
        var total = 0;
        var last = "";
        for (var page = 0; page < pages; page++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
            var ids = await db.Conversions.AsNoTracking()
                .Where(c => c.ForwardDueAt != null && c.ForwardDueAt < cutoff && string.Compare(c.Id, last) > 0)
                .OrderBy(c => c.Id).Select(c => c.Id).Take(Page).ToListAsync(ct);
            if (ids.Count == 0) return total;
            await bus.Publish(new ConversionsChanged(ids), ct);
            total += ids.Count;
            last = ids[^1];
        }
        return total;
    }

    [LoggerMessage(LogLevel.Information, "Published {Count} conversions whose deliveries were not planned yet")]
    private partial void LogSwept(int count);

    [LoggerMessage(LogLevel.Error, "The forwarding sweep failed; next try at the next tick")]
    private partial void LogFailed(Exception ex);
}
