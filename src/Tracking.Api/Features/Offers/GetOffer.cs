using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Offers;

public sealed record GetOffer(int Id) : IQuery<OfferDto?>;

public sealed class GetOfferHandler(TrackingDbContext db, Caller caller) : IQueryHandler<GetOffer, OfferDto?>
{
    public async ValueTask<OfferDto?> Handle(GetOffer query, CancellationToken ct)
    {
        caller.Require(Scope.AdvertiserSide);
        return (await db.Offers.AsNoTracking().VisibleTo(caller).Include(o => o.Goals).SingleOrDefaultAsync(o => o.Id == query.Id, ct))?.ToDto();
    }
}
