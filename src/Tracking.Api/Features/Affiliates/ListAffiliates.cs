using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Management;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Affiliates;

public sealed record ListAffiliates(PageRequest Page) : IQuery<Page<AffiliateDto>>;

public sealed class ListAffiliatesHandler(TrackingDbContext db) : IQueryHandler<ListAffiliates, Page<AffiliateDto>>
{
    public async ValueTask<Page<AffiliateDto>> Handle(ListAffiliates query, CancellationToken ct)
    {
        var after = query.Page.IntCursor ?? 0;
        var rows = await db.Affiliates.AsNoTracking().Where(a => a.Id > after).OrderBy(a => a.Id)
            .Take(query.Page.Limit + 1).ProjectToDto().ToListAsync(ct);
        return query.Page.ToPage(rows, a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
