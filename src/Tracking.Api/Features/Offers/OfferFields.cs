using Tracking.Api.Http;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;

namespace Tracking.Api.Features.Offers;

/// <summary>
/// The writable fields of an offer, as the create and patch bodies carry them; absent fields keep their value (or the
/// default). Enum values arrive as strings so that an unknown one gets its own reason rather than <c>invalid_body</c>.
/// </summary>
public sealed record OfferFields(
    int? AdvertiserId, string? Name, string? LandingUrl, int? LookbackDays, string? ExpectedMethods, int? ReconcileAfterMinutes,
    string? Currency, string? Authority, bool? HoldForApproval, string? State, int? HoldDays = null)
{
    /// <summary>Issue 11.5: event names (as an MMP sends them) to the offer's goal codes; replaces the whole mapping when given.</summary>
    public Dictionary<string, string?>? EventGoals { get; init; }

    public void ApplySettingsTo(Offer offer)
    {
        offer.Configure(
            LookbackDays, Parse<ExpectedMethods>(ExpectedMethods, "expected_methods"), ReconcileAfterMinutes, Currency,
            Parse<Method>(Authority, "authority"), HoldForApproval, Parse<OfferState>(State, "state"));
        if (EventGoals is not null) offer.MapEvents(EventGoals);
        offer.Hold(HoldDays);
    }

    /// <summary>Parses a snake_case enum value (as the API writes them); an unknown one is <c>invalid_{field}</c>.</summary>
    public static T? Parse<T>(string? value, string field) where T : struct, Enum =>
        value is null ? null : QueryValues.Word<T>(value, $"invalid_{field}", field);
}
