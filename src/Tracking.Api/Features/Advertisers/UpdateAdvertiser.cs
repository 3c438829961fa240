using Mediator;
using Tracking.Domain.Attribution;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Advertisers;

/// <summary>Renames and/or rotates the postback token; absent fields stay as they are.</summary>
public sealed record UpdateAdvertiser(int Id, string? Name, bool RotateToken) : ICommand<AdvertiserDto?>;

public sealed class UpdateAdvertiserHandler(TrackingDbContext db, ICatalog catalog) : ICommandHandler<UpdateAdvertiser, AdvertiserDto?>
{
    public async ValueTask<AdvertiserDto?> Handle(UpdateAdvertiser command, CancellationToken ct)
    {
        var advertiser = await db.Advertisers.FindAsync([command.Id], ct);
        if (advertiser is null) return null;
        if (command.Name is not null) advertiser.Rename(command.Name);
        if (command.RotateToken) advertiser.RotateToken();
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        return advertiser.ToDto();
    }
}
