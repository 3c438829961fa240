using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Offers;

/// <summary>The goals of an offer, all in one page (an offer has a handful); null when the offer does not exist.</summary>
public sealed record ListGoals(int OfferId) : IQuery<Page<GoalDto>?>;

public sealed class ListGoalsHandler(TrackingDbContext db, Caller caller) : IQueryHandler<ListGoals, Page<GoalDto>?>
{
    public async ValueTask<Page<GoalDto>?> Handle(ListGoals query, CancellationToken ct)
    {
        caller.Require(Scope.AdvertiserSide);
        var offer = await db.Offers.AsNoTracking().VisibleTo(caller).Include(o => o.Goals).SingleOrDefaultAsync(o => o.Id == query.OfferId, ct);
        return offer is null ? null : new Page<GoalDto>(offer.Goals.OrderBy(g => g.Id).Select(g => g.ToDto()).ToList(), null);
    }
}
