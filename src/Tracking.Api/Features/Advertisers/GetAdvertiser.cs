using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Advertisers;

/// <summary>One advertiser with its postback token (masked for an analyst); an advertiser's key sees only its own.</summary>
public sealed record GetAdvertiser(int Id) : IQuery<AdvertiserDto?>;

public sealed class GetAdvertiserHandler(TrackingDbContext db, Caller caller) : IQueryHandler<GetAdvertiser, AdvertiserDto?>
{
    public async ValueTask<AdvertiserDto?> Handle(GetAdvertiser query, CancellationToken ct)
    {
        caller.Require(Scope.AdvertiserSide);
        var advertiser = await db.Advertisers.AsNoTracking().VisibleTo(caller).Where(a => a.Id == query.Id).ProjectToDto().SingleOrDefaultAsync(ct);
        return advertiser?.MaskedFor(caller);
    }
}
