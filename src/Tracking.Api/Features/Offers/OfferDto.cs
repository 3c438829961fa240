using Riok.Mapperly.Abstractions;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;

namespace Tracking.Api.Features.Offers;

public sealed record OfferDto(
    int Id, int AdvertiserId, string Name, string LandingUrl, int LookbackDays, ExpectedMethods ExpectedMethods,
    int ReconcileAfterMinutes, string Currency, Method Authority, bool HoldForApproval, OfferState State, DateTime CreatedAt,
    IReadOnlyList<GoalDto> Goals)
{
    /// <summary>Issue 11.5: event names mapped onto goal codes (<c>af_purchase</c> → <c>purchase</c>).</summary>
    public Dictionary<string, string> EventGoals { get; init; } = [];
    /// <summary>Issue 11.4: days a new conversion waits <c>pending</c> before it is approved; 0 is no hold.</summary>
    public int HoldDays { get; init; }
}

public sealed record GoalDto(int Id, string Code, bool OncePerClick, decimal Revenue, AmountKind RevenueType, decimal Payout, AmountKind PayoutType);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class OfferMapper
{
    [MapProperty(nameof(Offer.Goals), nameof(OfferDto.Goals), Use = nameof(InIdOrder))]
    public static partial OfferDto ToDto(this Offer offer);

    [UserMapping(Default = false)]
    private static IReadOnlyList<GoalDto> InIdOrder(IReadOnlyList<Goal> goals) => goals.OrderBy(g => g.Id).Select(ToDto).ToList();

    [MapProperty(nameof(Goal.RevenueKind), nameof(GoalDto.RevenueType))]
    [MapProperty(nameof(Goal.PayoutKind), nameof(GoalDto.PayoutType))]
    [MapProperty(nameof(Goal.Revenue), nameof(GoalDto.Revenue), Use = nameof(Amount))]
    [MapProperty(nameof(Goal.Payout), nameof(GoalDto.Payout), Use = nameof(Amount))]
    public static partial GoalDto ToDto(this Goal goal);

    /// <summary>SQLite hands decimals back with the stored scale (<c>0.0</c>); answer <c>0</c> and <c>1.5</c> alike everywhere.</summary>
    [UserMapping(Default = false)]
    private static decimal Amount(decimal value) => value / 1.0000000000000000000000000000m;
}
