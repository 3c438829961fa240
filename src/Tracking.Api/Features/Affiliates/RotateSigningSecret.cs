using Mediator;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Affiliates;

/// <summary>Issues a new signing secret; the previous one keeps signing for a grace period (decision 0005).</summary>
public sealed record RotateSigningSecret(int Id) : ICommand<AffiliateDto?>;

public sealed class RotateSigningSecretHandler(TrackingDbContext db, TimeProvider time) : ICommandHandler<RotateSigningSecret, AffiliateDto?>
{
    public async ValueTask<AffiliateDto?> Handle(RotateSigningSecret command, CancellationToken ct)
    {
        var affiliate = await db.Affiliates.FindAsync([command.Id], ct);
        if (affiliate is null) return null;
        affiliate.RotateSecret(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return affiliate.WithSecret();
    }
}
