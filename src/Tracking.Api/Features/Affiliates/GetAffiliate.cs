using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Affiliates;

public sealed record GetAffiliate(int Id) : IQuery<AffiliateDto?>;

public sealed class GetAffiliateHandler(TrackingDbContext db) : IQueryHandler<GetAffiliate, AffiliateDto?>
{
    public async ValueTask<AffiliateDto?> Handle(GetAffiliate query, CancellationToken ct) =>
        await db.Affiliates.AsNoTracking().Where(a => a.Id == query.Id).ProjectToDto().SingleOrDefaultAsync(ct);
}
