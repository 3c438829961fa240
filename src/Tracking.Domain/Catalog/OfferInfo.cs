using Tracking.Domain.Common;

namespace Tracking.Domain.Catalog;

/// <summary>An immutable snapshot of an offer and its goals, as hot paths and the worker read it from the catalog cache.</summary>
public sealed record OfferInfo(
    int Id, int AdvertiserId, string Name, OfferState State, string LandingUrl, int LookbackDays,
    ExpectedMethods ExpectedMethods, int ReconcileAfterMinutes, string Currency, Method Authority, bool HoldForApproval,
    IReadOnlyDictionary<string, GoalInfo> Goals, int HoldDays = 0)
{
    /// <summary>Issue 11.5: the offer's own event names mapped onto its goals.</summary>
    public IReadOnlyDictionary<string, string> EventGoals { get; init; } = new Dictionary<string, string>();

    /// <summary>The goal a hit's goal or event name stands for (see <see cref="Catalog.EventGoals"/>), or null.</summary>
    public string? GoalFor(string eventName) => Catalog.EventGoals.Resolve(eventName, EventGoals, Goals.ContainsKey);

    public TimeSpan Lookback => TimeSpan.FromDays(LookbackDays);
    public TimeSpan ReconcileAfter => TimeSpan.FromMinutes(ReconcileAfterMinutes);

    public static OfferInfo From(Offer offer) => new(
        offer.Id, offer.AdvertiserId, offer.Name, offer.State, offer.LandingUrl, offer.LookbackDays, offer.ExpectedMethods,
        offer.ReconcileAfterMinutes, offer.Currency, offer.Authority, offer.HoldForApproval,
        offer.Goals.ToDictionary(g => g.Code, GoalInfo.From, StringComparer.Ordinal), offer.HoldDays)
    {
        EventGoals = new Dictionary<string, string>(offer.EventGoals, StringComparer.Ordinal),
    };
}

public sealed record GoalInfo(string Code, bool OncePerClick, decimal Revenue, AmountKind RevenueKind, decimal Payout, AmountKind PayoutKind)
{
    public static GoalInfo From(Goal g) => new(g.Code, g.OncePerClick, g.Revenue, g.RevenueKind, g.Payout, g.PayoutKind);

    /// <summary>Revenue and payout of one conversion with the given amount (a percentage of nothing is 0).</summary>
    public (decimal Revenue, decimal Payout) Price(decimal? amount) =>
        (Apply(Revenue, RevenueKind, amount), Apply(Payout, PayoutKind, amount));

    private static decimal Apply(decimal value, AmountKind kind, decimal? amount) =>
        kind == AmountKind.Fixed ? value : decimal.Round((amount ?? 0) * value / 100m, 4);
}

/// <summary>
/// An advertiser as ingress judges its hits: the SHA-256 of its token (never the token), its own status words (issue 11.2),
/// whether its postbacks may set the payout, and which checks its postbacks pass (<see cref="InboundChecks"/>, issue 12.1).
/// </summary>
public sealed record AdvertiserInfo(int Id, string PostbackTokenHash, IReadOnlyDictionary<string, Conversions.ConversionStatus>? StatusWords = null,
    bool PostbackSetsPayout = false)
{
    public InboundChecks Checks { get; init; } = InboundChecks.TokenOnly;

    public static AdvertiserInfo From(int id, string tokenHash, IReadOnlyDictionary<string, string> words, bool postbackSetsPayout) =>
        new(id, tokenHash, words.Where(w => Conversions.ConversionStatuses.TryParse(w.Value, out _))
            .ToDictionary(w => w.Key, w => { Conversions.ConversionStatuses.TryParse(w.Value, out var s); return s; }), postbackSetsPayout);

    public static AdvertiserInfo From(Advertiser a) => From(a.Id, a.PostbackTokenHash, a.StatusWords, a.PostbackSetsPayout) with
    {
        Checks = new InboundChecks(a.RequireToken, IpAllowlist.Networks(a.AllowedIps), a.RequireSignature,
            a.SigningSecret, a.PreviousSigningSecret, a.PreviousSecretUntil),
    };
}

/// <summary>The checks of issue 12.1 an advertiser's postbacks pass, with the secrets a signature may be made with.</summary>
public sealed record InboundChecks(
    bool RequireToken, IReadOnlyList<System.Net.IPNetwork> AllowedNetworks, bool RequireSignature,
    string SigningSecret, string? PreviousSigningSecret, DateTime? PreviousSecretUntil)
{
    public static readonly InboundChecks TokenOnly = new(true, [], false, "", null, null);

    /// <summary>The secrets a signature may be made with now: the current one, and the previous one during its grace period.</summary>
    public IReadOnlyList<string> SecretsAt(DateTime now) =>
        SigningSecret.Length == 0 ? []
        : PreviousSigningSecret is { Length: > 0 } previous && PreviousSecretUntil > now ? [SigningSecret, previous] : [SigningSecret];
}
