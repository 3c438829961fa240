using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Forwarding;

/// <summary>An affiliate's templates in id order; null when the affiliate does not exist.</summary>
public sealed record ListForwardingTemplates(int AffiliateId, PageRequest Page) : IQuery<Page<ForwardingTemplateDto>?>;

public sealed class ListForwardingTemplatesHandler(TrackingDbContext db, Caller caller) : IQueryHandler<ListForwardingTemplates, Page<ForwardingTemplateDto>?>
{
    public async ValueTask<Page<ForwardingTemplateDto>?> Handle(ListForwardingTemplates query, CancellationToken ct)
    {
        caller.Require(Scope.AffiliateSide);
        if (!await db.Affiliates.VisibleTo(caller).AnyAsync(a => a.Id == query.AffiliateId, ct)) return null;
        var after = query.Page.IntCursor ?? 0;
        var rows = await db.ForwardingTemplates.AsNoTracking().Where(t => t.AffiliateId == query.AffiliateId && t.Id > after)
            .OrderBy(t => t.Id).Take(query.Page.Limit + 1).ProjectToDto().ToListAsync(ct);
        return query.Page.ToPage(rows, t => t.Id.ToString(CultureInfo.InvariantCulture));
    }
}
