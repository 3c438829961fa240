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
    ILogger<ForwardingSweep> logger) : OutboxSweep<ConversionsChanged>(scopes, bus, time)
{
    protected override TimeSpan After => options.Value.Forwarding.SweepAfter;

    protected override IQueryable<string> Due(TrackingDbContext db, DateTime cutoff) =>
        db.Conversions.AsNoTracking().Where(c => c.ForwardDueAt != null && c.ForwardDueAt < cutoff).Select(c => c.Id);

    protected override ConversionsChanged Message(IReadOnlyList<string> ids) => new(ids);

    [LoggerMessage(LogLevel.Information, "Published {Count} conversions whose deliveries were not planned yet")]
    protected override partial void LogSwept(int count);

    [LoggerMessage(LogLevel.Error, "The forwarding sweep failed; next try at the next tick")]
    protected override partial void LogFailed(Exception ex);
}
