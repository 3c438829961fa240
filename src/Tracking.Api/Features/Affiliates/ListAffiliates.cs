using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Affiliates;

public sealed record ListAffiliates(PageRequest Page) : IQuery<Page<AffiliateDto>>;

public sealed class ListAffiliatesHandler(TrackingDbContext db, Caller caller) : IQueryHandler<ListAffiliates, Page<AffiliateDto>>
{
    public async ValueTask<Page<AffiliateDto>> Handle(ListAffiliates query, CancellationToken ct)
    {
        caller.Require(Scope.AffiliateSide);
        var after = query.Page.IntCursor ?? 0;
        var rows = await db.Affiliates.AsNoTracking().VisibleTo(caller).Where(a => a.Id > after).OrderBy(a => a.Id)
            .Take(query.Page.Limit + 1).ToListAsync(ct);
        return query.Page.ToPage(rows.Select(a => a.For(caller)).ToList(), a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
