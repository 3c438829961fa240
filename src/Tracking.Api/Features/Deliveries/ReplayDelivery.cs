using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Deliveries;

/// <summary>Sends a delivery again, whatever its state, with the same id (<c>Idempotency-Key</c>) and request; null when unknown.</summary>
public sealed record ReplayDelivery(string Id) : ICommand<DeliveryDto?>;

public sealed class ReplayDeliveryHandler(TrackingDbContext db, TimeProvider time) : ICommandHandler<ReplayDelivery, DeliveryDto?>
{
    public async ValueTask<DeliveryDto?> Handle(ReplayDelivery command, CancellationToken ct)
    {
        var delivery = await db.Deliveries.Include(d => d.Attempts).FirstOrDefaultAsync(d => d.Id == command.Id, ct);
        if (delivery is null) return null;
        delivery.Replay(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return delivery.ToDto();
    }
}
