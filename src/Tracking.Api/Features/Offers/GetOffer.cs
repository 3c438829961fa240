using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Offers;

public sealed record GetOffer(int Id) : IQuery<OfferDto?>;

public sealed class GetOfferHandler(TrackingDbContext db) : IQueryHandler<GetOffer, OfferDto?>
{
    public async ValueTask<OfferDto?> Handle(GetOffer query, CancellationToken ct) =>
        (await db.Offers.AsNoTracking().Include(o => o.Goals).SingleOrDefaultAsync(o => o.Id == query.Id, ct))?.ToDto();
}
