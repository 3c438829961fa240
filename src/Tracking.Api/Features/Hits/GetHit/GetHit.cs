using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Hits.GetHit;

/// <summary>One hit with its outcome (SPEC 3.3: where a postback's sender looks up what became of it); null when unknown.</summary>
public sealed record GetHit(string Id) : IQuery<HitDto?>;

public sealed class GetHitHandler(TrackingDbContext db) : IQueryHandler<GetHit, HitDto?>
{
    public async ValueTask<HitDto?> Handle(GetHit query, CancellationToken ct) =>
        await db.Hits.AsNoTracking().Where(h => h.Id == query.Id).ProjectToDto().FirstOrDefaultAsync(ct);
}
