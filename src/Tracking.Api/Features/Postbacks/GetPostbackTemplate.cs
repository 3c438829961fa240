using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Postbacks;

public sealed record GetPostbackTemplate(int AffiliateId, int Id) : IQuery<PostbackTemplateDto?>;

public sealed class GetPostbackTemplateHandler(TrackingDbContext db) : IQueryHandler<GetPostbackTemplate, PostbackTemplateDto?>
{
    public async ValueTask<PostbackTemplateDto?> Handle(GetPostbackTemplate query, CancellationToken ct) =>
        await db.PostbackTemplates.AsNoTracking().Where(t => t.Id == query.Id && t.AffiliateId == query.AffiliateId)
            .ProjectToDto().SingleOrDefaultAsync(ct);
}
