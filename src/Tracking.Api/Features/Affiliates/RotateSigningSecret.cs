using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Affiliates;

/// <summary>Issues a new signing secret; the previous one keeps signing for a grace period (decision 0005). An affiliate's key rotates its own.</summary>
public sealed record RotateSigningSecret(int Id) : ICommand<AffiliateDto?>;

public sealed class RotateSigningSecretHandler(TrackingDbContext db, TimeProvider time, Caller caller) : ICommandHandler<RotateSigningSecret, AffiliateDto?>
{
    public async ValueTask<AffiliateDto?> Handle(RotateSigningSecret command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOrAffiliate);
        var affiliate = await db.Affiliates.VisibleTo(caller).FirstOrDefaultAsync(a => a.Id == command.Id, ct);
        if (affiliate is null) return null;
        affiliate.RotateSecret(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return affiliate.WithSecret();
    }
}
