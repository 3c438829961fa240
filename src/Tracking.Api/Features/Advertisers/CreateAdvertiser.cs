using Mediator;
using Tracking.Api.Access;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Advertisers;

public sealed record CreateAdvertiser(string? Name) : ICommand<AdvertiserDto>;

public sealed class CreateAdvertiserHandler(TrackingDbContext db, ICatalog catalog, TimeProvider time, Caller caller)
    : ICommandHandler<CreateAdvertiser, AdvertiserDto>
{
    public async ValueTask<AdvertiserDto> Handle(CreateAdvertiser command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOnly);
        var advertiser = new Advertiser(command.Name!, time.GetUtcNow().UtcDateTime);
        db.Advertisers.Add(advertiser);
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        return advertiser.ToDto();
    }
}
