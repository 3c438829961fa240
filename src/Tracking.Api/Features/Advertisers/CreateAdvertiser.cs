using Mediator;
using Tracking.Api.Access;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Advertisers;

/// <summary>A new advertiser with a postback token and a signing secret; issue 12.1's checks default to the token alone.</summary>
public sealed record CreateAdvertiser(string? Name, bool? RequireToken = null, bool? RequireSignature = null, List<string?>? AllowedIps = null)
    : ICommand<AdvertiserDto>;

public sealed class CreateAdvertiserHandler(TrackingDbContext db, ICatalog catalog, TimeProvider time, Caller caller)
    : ICommandHandler<CreateAdvertiser, AdvertiserDto>
{
    public async ValueTask<AdvertiserDto> Handle(CreateAdvertiser command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOnly);
        var advertiser = new Advertiser(command.Name!, time.GetUtcNow().UtcDateTime);
        advertiser.SetAuthentication(command.RequireToken, command.RequireSignature, command.AllowedIps);
        db.Advertisers.Add(advertiser);
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        return advertiser.ToDto();
    }
}
