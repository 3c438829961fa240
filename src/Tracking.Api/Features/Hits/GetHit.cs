using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Hits;

/// <summary>One hit with its outcome (SPEC 3.3: where a postback's sender looks up what became of it); null when unknown.</summary>
public sealed record GetHit(string Id) : IQuery<HitDto?>;

public sealed class GetHitHandler(TrackingDbContext db, Caller caller) : IQueryHandler<GetHit, HitDto?>
{
    public async ValueTask<HitDto?> Handle(GetHit query, CancellationToken ct)
    {
        caller.Require(Scope.AdvertiserSide);
        return await db.Hits.AsNoTracking().VisibleTo(caller, db.Offers).Where(h => h.Id == query.Id).ProjectToDto().FirstOrDefaultAsync(ct);
    }
}
