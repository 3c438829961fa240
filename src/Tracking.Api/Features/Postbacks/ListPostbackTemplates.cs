using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Management;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Postbacks;

/// <summary>An affiliate's templates in id order; null when the affiliate does not exist.</summary>
public sealed record ListPostbackTemplates(int AffiliateId, PageRequest Page) : IQuery<Page<PostbackTemplateDto>?>;

public sealed class ListPostbackTemplatesHandler(TrackingDbContext db) : IQueryHandler<ListPostbackTemplates, Page<PostbackTemplateDto>?>
{
    public async ValueTask<Page<PostbackTemplateDto>?> Handle(ListPostbackTemplates query, CancellationToken ct)
    {
        if (!await db.Affiliates.AnyAsync(a => a.Id == query.AffiliateId, ct)) return null;
        var after = query.Page.IntCursor ?? 0;
        var rows = await db.PostbackTemplates.AsNoTracking().Where(t => t.AffiliateId == query.AffiliateId && t.Id > after)
            .OrderBy(t => t.Id).Take(query.Page.Limit + 1).ProjectToDto().ToListAsync(ct);
        return query.Page.ToPage(rows, t => t.Id.ToString(CultureInfo.InvariantCulture));
    }
}
