using Riok.Mapperly.Abstractions;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;

namespace Tracking.Api.Features.Offers;

public sealed record OfferDto(
    int Id, int AdvertiserId, string Name, string LandingUrl, int LookbackDays, ExpectedMethods ExpectedMethods,
    int ReconcileAfterMinutes, string Currency, Method Authority, bool HoldForApproval, OfferState State, DateTime CreatedAt,
    IReadOnlyList<GoalDto> Goals);

public sealed record GoalDto(int Id, string Code, bool OncePerClick, decimal Revenue, AmountKind RevenueType, decimal Payout, AmountKind PayoutType);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class OfferMapper
{
    public static partial OfferDto ToDto(this Offer offer);

    [MapProperty(nameof(Goal.RevenueKind), nameof(GoalDto.RevenueType))]
    [MapProperty(nameof(Goal.PayoutKind), nameof(GoalDto.PayoutType))]
    public static partial GoalDto ToDto(this Goal goal);
}
