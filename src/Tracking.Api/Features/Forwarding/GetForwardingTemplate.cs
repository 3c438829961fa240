using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Forwarding;

public sealed record GetForwardingTemplate(int AffiliateId, int Id) : IQuery<ForwardingTemplateDto?>;

public sealed class GetForwardingTemplateHandler(TrackingDbContext db, Caller caller) : IQueryHandler<GetForwardingTemplate, ForwardingTemplateDto?>
{
    public async ValueTask<ForwardingTemplateDto?> Handle(GetForwardingTemplate query, CancellationToken ct)
    {
        caller.Require(Scope.AffiliateSide);
        return await db.ForwardingTemplates.AsNoTracking().VisibleTo(caller).Where(t => t.Id == query.Id && t.AffiliateId == query.AffiliateId)
            .ProjectToDto().SingleOrDefaultAsync(ct);
    }
}
