using Tracking.Domain.Common;

namespace Tracking.Domain.Catalog;

public sealed class Offer
{
    public const string DefaultGoal = "conversion";
    private readonly List<Goal> _goals = [];

    private Offer() { }

    public Offer(int advertiserId, string name, string landingUrl, DateTime createdAt)
    {
        AdvertiserId = advertiserId;
        Rename(name);
        ChangeLandingUrl(landingUrl);
        CreatedAt = createdAt;
        _goals.Add(new Goal(DefaultGoal, oncePerClick: true));
    }

    public int Id { get; private set; }
    public int AdvertiserId { get; private set; }
    public string Name { get; private set; } = "";
    public string LandingUrl { get; private set; } = "";
    public int LookbackDays { get; private set; } = 30;
    public ExpectedMethods ExpectedMethods { get; private set; } = ExpectedMethods.Both;
    public int ReconcileAfterMinutes { get; private set; } = 24 * 60;
    public string Currency { get; private set; } = "USD";
    /// <summary>Which method's amount, currency and status a merged conversion reports (SPEC 4.4).</summary>
    public Method Authority { get; private set; } = Method.Postback;
    /// <summary>New conversions start <c>pending</c> unless the hit says otherwise.</summary>
    public bool HoldForApproval { get; private set; }
    /// <summary>Issue 11.4 (Affise's hold): new conversions that would be approved wait <c>pending</c> this many days, then are approved; 0 is off.</summary>
    public int HoldDays { get; private set; }
    public OfferState State { get; private set; } = OfferState.Active;
    public DateTime CreatedAt { get; private set; }
    public IReadOnlyList<Goal> Goals => _goals;
    /// <summary>Issue 11.5: event names (as an MMP sends them) to goal codes of this offer; see <see cref="Catalog.EventGoals"/>.</summary>
    public Dictionary<string, string> EventGoals { get; private set; } = [];

    /// <summary>Replaces the offer's event-to-goal mapping; an empty map leaves only goal names and the install events.</summary>
    public void MapEvents(IReadOnlyDictionary<string, string?> mapping) =>
        EventGoals = Catalog.EventGoals.Normalize(mapping, _goals.Select(g => g.Code).ToList());

    public void Rename(string name) => Name = CatalogRules.RequireName(name);

    public void ChangeLandingUrl(string url) => LandingUrl = CatalogRules.RequireLandingUrl(url);

    public void Configure(int? lookbackDays, ExpectedMethods? expected, int? reconcileAfterMinutes, string? currency,
        Method? authority, bool? holdForApproval, OfferState? state)
    {
        if (lookbackDays is < 1 or > 365) throw new DomainException("invalid_lookback_days", "lookback_days is 1 to 365.");
        if (reconcileAfterMinutes is < 0 or > 60 * 24 * 90)
            throw new DomainException("invalid_reconcile_after_minutes", "reconcile_after_minutes is 0 to 129600 (90 days).");
        string? code = null;
        if (currency is not null && !Common.Currencies.TryNormalize(currency, out code))
            throw new DomainException("invalid_currency", "currency must be an ISO 4217 code.");
        LookbackDays = lookbackDays ?? LookbackDays;
        ExpectedMethods = expected ?? ExpectedMethods;
        ReconcileAfterMinutes = reconcileAfterMinutes ?? ReconcileAfterMinutes;
        Currency = code ?? Currency;
        Authority = authority ?? Authority;
        HoldForApproval = holdForApproval ?? HoldForApproval;
        State = state ?? State;
    }

    /// <summary>Sets the hold period (issue 11.4); null keeps it. It applies to conversions created from now on.</summary>
    public void Hold(int? days)
    {
        if (days is < 0 or > MaxHoldDays) throw new DomainException("invalid_hold_days", $"hold_days is 0 (no hold) to {MaxHoldDays}.");
        HoldDays = days ?? HoldDays;
    }

    public const int MaxHoldDays = 365;

    public Goal AddGoal(string code, bool? oncePerClick, decimal revenue, AmountKind revenueKind, decimal payout, AmountKind payoutKind)
    {
        var normalized = Goal.NormalizeCode(code);
        if (_goals.Any(g => g.Code == normalized))
            throw new DomainException("goal_exists", $"The offer already has a goal '{normalized}'.");
        var goal = new Goal(normalized, oncePerClick ?? Goal.IsOncePerClickByDefault(normalized));
        goal.SetPrice(revenue, revenueKind, payout, payoutKind);
        _goals.Add(goal);
        return goal;
    }
}
