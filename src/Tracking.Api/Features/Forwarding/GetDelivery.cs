using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Forwarding;

/// <summary>One delivery with every attempt; null when unknown.</summary>
public sealed record GetDelivery(string Id) : IQuery<DeliveryDto?>;

public sealed class GetDeliveryHandler(TrackingDbContext db, Caller caller) : IQueryHandler<GetDelivery, DeliveryDto?>
{
    public async ValueTask<DeliveryDto?> Handle(GetDelivery query, CancellationToken ct)
    {
        caller.Require(Scope.AffiliateSide);
        return (await db.Deliveries.AsNoTracking().VisibleTo(caller).Include(d => d.Attempts).FirstOrDefaultAsync(d => d.Id == query.Id, ct))?.ToDto();
    }
}
