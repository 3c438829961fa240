using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Deliveries;

/// <summary>One delivery with every attempt; null when unknown.</summary>
public sealed record GetDelivery(string Id) : IQuery<DeliveryDto?>;

public sealed class GetDeliveryHandler(TrackingDbContext db) : IQueryHandler<GetDelivery, DeliveryDto?>
{
    public async ValueTask<DeliveryDto?> Handle(GetDelivery query, CancellationToken ct) =>
        (await db.Deliveries.AsNoTracking().Include(d => d.Attempts).FirstOrDefaultAsync(d => d.Id == query.Id, ct))?.ToDto();
}
