using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Forwarding;

/// <summary>Sends a delivery again, whatever its state, with the same id (<c>Idempotency-Key</c>) and request; null when unknown.</summary>
public sealed record ReplayDelivery(string Id) : ICommand<DeliveryDto?>;

public sealed class ReplayDeliveryHandler(TrackingDbContext db, TimeProvider time, Caller caller) : ICommandHandler<ReplayDelivery, DeliveryDto?>
{
    public async ValueTask<DeliveryDto?> Handle(ReplayDelivery command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOrAffiliate);
        // The worker may be sending this very delivery (its attempt changes the row): read it again and replay on top, so
        // that a person's replay never bounces with a conflict.
        for (var attempt = 1; ; attempt++)
        {
            var delivery = await db.Deliveries.VisibleTo(caller).Include(d => d.Attempts).FirstOrDefaultAsync(d => d.Id == command.Id, ct);
            if (delivery is null) return null;
            delivery.Replay(time.GetUtcNow().UtcDateTime);
            try
            {
                await db.SaveChangesAsync(ct);
                return delivery.ToDto();
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private const int MaxAttempts = 5;
}
