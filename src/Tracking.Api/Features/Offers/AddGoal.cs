using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Offers;

/// <summary>The body of <c>POST /api/offers/{id}/goals</c>; price types are <c>fixed</c> (default) or <c>percent</c>.</summary>
public sealed record GoalFields(string? Code, bool? OncePerClick, decimal? Revenue, string? RevenueType, decimal? Payout, string? PayoutType);

public sealed record AddGoal(int OfferId, GoalFields Fields) : ICommand<GoalDto?>;

public sealed class AddGoalHandler(TrackingDbContext db, ICatalog catalog, Caller caller) : ICommandHandler<AddGoal, GoalDto?>
{
    public async ValueTask<GoalDto?> Handle(AddGoal command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOrAdvertiser);
        var offer = await db.Offers.VisibleTo(caller).Include(o => o.Goals).SingleOrDefaultAsync(o => o.Id == command.OfferId, ct);
        if (offer is null) return null;
        var f = command.Fields;
        var goal = offer.AddGoal(f.Code!, f.OncePerClick,
            f.Revenue ?? 0, OfferFields.Parse<AmountKind>(f.RevenueType, "revenue_type") ?? AmountKind.Fixed,
            f.Payout ?? 0, OfferFields.Parse<AmountKind>(f.PayoutType, "payout_type") ?? AmountKind.Fixed);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent request added the same code first and the unique index caught it.
            if (!await GoalExistsAsync(command.OfferId, goal.Code, ct)) throw;
            throw new DomainException("goal_exists", $"The offer already has a goal '{goal.Code}'.");
        }
        catalog.Invalidate();
        return goal.ToDto();
    }

    private async Task<bool> GoalExistsAsync(int offerId, string code, CancellationToken ct) =>
        await db.Goals.AsNoTracking().AnyAsync(g => g.OfferId == offerId && g.Code == code, ct);
}
