using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Advertisers;

public sealed record GetAdvertiser(int Id) : IQuery<AdvertiserDto?>;

public sealed class GetAdvertiserHandler(TrackingDbContext db) : IQueryHandler<GetAdvertiser, AdvertiserDto?>
{
    public async ValueTask<AdvertiserDto?> Handle(GetAdvertiser query, CancellationToken ct) =>
        await db.Advertisers.AsNoTracking().Where(a => a.Id == query.Id).ProjectToDto().SingleOrDefaultAsync(ct);
}
