using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Advertisers;

public sealed record ListAdvertisers(PageRequest Page) : IQuery<Page<AdvertiserDto>>;

public sealed class ListAdvertisersHandler(TrackingDbContext db, Caller caller) : IQueryHandler<ListAdvertisers, Page<AdvertiserDto>>
{
    public async ValueTask<Page<AdvertiserDto>> Handle(ListAdvertisers query, CancellationToken ct)
    {
        caller.Require(Scope.AdvertiserSide);
        var after = query.Page.IntCursor ?? 0;
        var rows = await db.Advertisers.AsNoTracking().VisibleTo(caller).Where(a => a.Id > after).OrderBy(a => a.Id)
            .Take(query.Page.Limit + 1).ProjectToDto().ToListAsync(ct);
        return query.Page.ToPage(rows.Select(a => a.MaskedFor(caller)).ToList(),
            a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
