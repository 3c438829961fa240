using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Keys;

/// <summary>Every API key in id order, revoked ones included, without the keys themselves.</summary>
public sealed record ListKeys(PageRequest Page) : IQuery<Page<KeyDto>>;

public sealed class ListKeysHandler(TrackingDbContext db, Caller caller) : IQueryHandler<ListKeys, Page<KeyDto>>
{
    public async ValueTask<Page<KeyDto>> Handle(ListKeys query, CancellationToken ct)
    {
        caller.Require(Scope.AdminOnly);
        var after = query.Page.IntCursor ?? 0;
        var rows = await db.ApiKeys.AsNoTracking().Where(k => k.Id > after).OrderBy(k => k.Id)
            .Take(query.Page.Limit + 1).ProjectToDto().ToListAsync(ct);
        return query.Page.ToPage(rows, k => k.Id.ToString(CultureInfo.InvariantCulture));
    }
}
