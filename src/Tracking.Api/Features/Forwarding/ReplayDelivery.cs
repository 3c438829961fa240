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
        var delivery = await db.Deliveries.VisibleTo(caller).Include(d => d.Attempts).FirstOrDefaultAsync(d => d.Id == command.Id, ct);
        if (delivery is null) return null;
        delivery.Replay(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return delivery.ToDto();
    }
}
