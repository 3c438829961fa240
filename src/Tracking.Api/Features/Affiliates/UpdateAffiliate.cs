using Mediator;
using Tracking.Api.Access;
using Tracking.Domain.Attribution;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Affiliates;

/// <summary>Renames an affiliate; an absent name stays as it is.</summary>
public sealed record UpdateAffiliate(int Id, string? Name) : ICommand<AffiliateDto?>;

public sealed class UpdateAffiliateHandler(TrackingDbContext db, ICatalog catalog, Caller caller) : ICommandHandler<UpdateAffiliate, AffiliateDto?>
{
    public async ValueTask<AffiliateDto?> Handle(UpdateAffiliate command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOnly);
        var affiliate = await db.Affiliates.FindAsync([command.Id], ct);
        if (affiliate is null) return null;
        if (command.Name is not null) affiliate.Rename(command.Name);
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        return affiliate.ToDto();
    }
}
