using Mediator;
using Tracking.Api.Access;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Affiliates;

public sealed record CreateAffiliate(string? Name) : ICommand<AffiliateDto>;

public sealed class CreateAffiliateHandler(TrackingDbContext db, ICatalog catalog, TimeProvider time, Caller caller)
    : ICommandHandler<CreateAffiliate, AffiliateDto>
{
    public async ValueTask<AffiliateDto> Handle(CreateAffiliate command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOnly);
        var affiliate = new Affiliate(command.Name!, time.GetUtcNow().UtcDateTime);
        db.Affiliates.Add(affiliate);
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        return affiliate.WithSecret();
    }
}
