using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Management;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Advertisers;

public sealed record ListAdvertisers(PageRequest Page) : IQuery<Page<AdvertiserDto>>;

public sealed class ListAdvertisersHandler(TrackingDbContext db) : IQueryHandler<ListAdvertisers, Page<AdvertiserDto>>
{
    public async ValueTask<Page<AdvertiserDto>> Handle(ListAdvertisers query, CancellationToken ct)
    {
        var after = query.Page.IntCursor ?? 0;
        var rows = await db.Advertisers.AsNoTracking().Where(a => a.Id > after).OrderBy(a => a.Id)
            .Take(query.Page.Limit + 1).ProjectToDto().ToListAsync(ct);
        return query.Page.ToPage(rows, a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
