using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Affiliates;

public sealed record GetAffiliate(int Id) : IQuery<AffiliateDto?>;

public sealed class GetAffiliateHandler(TrackingDbContext db, Caller caller) : IQueryHandler<GetAffiliate, AffiliateDto?>
{
    public async ValueTask<AffiliateDto?> Handle(GetAffiliate query, CancellationToken ct)
    {
        caller.Require(Scope.AffiliateSide);
        var affiliate = await db.Affiliates.AsNoTracking().VisibleTo(caller).SingleOrDefaultAsync(a => a.Id == query.Id, ct);
        return affiliate?.For(caller);
    }
}
