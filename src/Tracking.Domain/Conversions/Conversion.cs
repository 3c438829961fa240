using Tracking.Domain.Catalog;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Key = Tracking.Domain.Attribution.DedupKey;

namespace Tracking.Domain.Conversions;

/// <summary>
/// The deduplicated, merged record that one or more hits describe (SPEC 2, 4). Each method keeps what it saw;
/// the reported amount, currency and status come from the offer's authority method when it has been seen.
/// </summary>
public sealed partial class Conversion
{
    private readonly List<StatusChange> _history = [];

    private Conversion() { }

    private Conversion(string id, OfferInfo offer, GoalInfo goal, Click? click, Key key, Hit hit, DateTime now)
    {
        Id = id;
        OfferId = offer.Id;
        Goal = goal.Code;
        DedupKey = key.Value;
        KeyKind = key.Kind;
        Authority = offer.Authority;
        CreatedAt = UpdatedAt = now;
        Attribute(click);
        (OrderId, EventId) = (hit.OrderId, hit.EventId);
        KeepAdvFields(hit);
        IsTest = hit.IsTest || click?.IsTest == true;
        Observe(hit);
        var initial = InitialStatus(offer, hit, now);
        Status = initial;
        if (offer.ExpectedMethods == ExpectedMethods.Both) ReconcileDueAt = now + offer.ReconcileAfter;
        ForwardDueAt = now;
        Recompute(goal);
        _history.Add(new StatusChange(null, initial, now, $"hit:{hit.Id}", Revenue, Payout));
    }

    public string Id { get; private set; } = "";
    public int OfferId { get; private set; }
    public int? AffiliateId { get; private set; }
    public string Goal { get; private set; } = "";
    public string? ClickId { get; private set; }
    public DateTime? ClickedAt { get; private set; }
    public string? Sub1 { get; private set; }
    public string? Sub2 { get; private set; }
    public string? Sub3 { get; private set; }
    public string? Sub4 { get; private set; }
    public string? Sub5 { get; private set; }
    public string? Source { get; private set; }
    public string? OrderId { get; private set; }
    public string? EventId { get; private set; }
    public bool IsTest { get; private set; } // made by the console's test: left out of reports, never forwarded
    public string DedupKey { get; private set; } = "";
    public KeyKind KeyKind { get; private set; }
    public MatchKind Match { get; private set; }
    public Method Authority { get; private set; }
    public ConversionStatus Status { get; private set; }
    public decimal? Amount { get; private set; }
    public string? Currency { get; private set; }
    public decimal Revenue { get; private set; }
    public decimal Payout { get; private set; }
    public int DuplicateCount { get; private set; }
    public Discrepancy? Discrepancy { get; private set; }
    public string? Explanation { get; private set; }
    public string? PixelHitId { get; private set; }
    public DateTime? PixelAt { get; private set; }
    public decimal? PixelAmount { get; private set; }
    public string? PixelCurrency { get; private set; }
    public string? PixelStatus { get; private set; }
    public string? PostbackHitId { get; private set; }
    public DateTime? PostbackAt { get; private set; }
    public decimal? PostbackAmount { get; private set; }
    public string? PostbackCurrency { get; private set; }
    public string? PostbackStatus { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>Bumped by every change: the concurrency token that keeps two workers from overwriting each other.</summary>
    public int Version { get; private set; }
    /// <summary>When a one-method conversion of a <c>both</c> offer is due for reconciliation; null otherwise.</summary>
    public DateTime? ReconcileDueAt { get; private set; }
    public DateTime? ReconciledAt { get; private set; }
    /// <summary>Set when the conversion is created or changes status, cleared once its deliveries are planned (SPEC 5): the outbox of forwarding.</summary>
    public DateTime? ForwardDueAt { get; private set; }
    public IReadOnlyList<StatusChange> History => _history;

    public bool HasPixel => PixelHitId is not null;
    public bool HasPostback => PostbackHitId is not null;
    public bool Has(Method method) => method == Method.Pixel ? HasPixel : HasPostback;

    public IReadOnlyList<Method> Methods => (HasPixel, HasPostback) switch
    {
        (true, true) => [Method.Pixel, Method.Postback],
        (true, false) => [Method.Pixel],
        (false, true) => [Method.Postback],
        _ => [],
    };

    public static Conversion Create(string id, OfferInfo offer, GoalInfo goal, Click? click, Key key, Hit hit, DateTime now) =>
        new(id, offer, goal, click, key, hit, now);

    /// <summary>SPEC 4.4/4.5/4.6: the other method's hit joins this conversion.</summary>
    public void Merge(Hit hit, GoalInfo goal, Click? click, bool heuristic, DateTime now)
    {
        if (Has(hit.Method)) throw new InvalidOperationException($"Conversion {Id} already has a {hit.Method} hit.");
        var first = HasPixel ? PixelAt!.Value : PostbackAt!.Value;
        var wasReconciled = Discrepancy is Conversions.Discrepancy.PixelOnly or Conversions.Discrepancy.PostbackOnly;
        if (ClickId is null) Attribute(click);
        OrderId ??= hit.OrderId;
        EventId ??= hit.EventId;
        KeepAdvFields(hit);
        Observe(hit);
        if (heuristic) Match = MatchKind.Heuristic;
        if (hit.Method == Method.Postback && ConversionStatuses.TryParse(hit.Status, out var s)) ChangeStatus(Held(s), now, $"hit:{hit.Id}");
        ReconcileDueAt = null;
        Touch(now);
        Recompute(goal);
        if (wasReconciled && Discrepancy is null)
            Explanation = $"the {hit.Method.Name()} arrived {Durations.Describe(hit.ReceivedAt - first)} after the {Other(hit.Method).Name()}, after the reconciliation grace period";
    }

    /// <summary>SPEC 4.3: the same key by the same method again.</summary>
    public void RecordDuplicate(DateTime now)
    {
        DuplicateCount++;
        Touch(now);
    }

    /// <summary>Changes the status and keeps the history; false when the status is already the one asked for.</summary>
    public bool ChangeStatus(ConversionStatus to, DateTime now, string source)
    {
        if (to == Status) return false;
        _history.Add(new StatusChange(Status, to, now, source));
        Status = to;
        HoldUntil = null; // any change of status ends a hold (issue 11.4)
        ForwardDueAt = now;
        Touch(now);
        return true;
    }

    /// <summary>The deliveries this state asks for exist; not a change of the conversion, so the version stays.</summary>
    public void ForwardingPlanned() => ForwardDueAt = null;

    /// <summary>SPEC 4.7: the grace period is over and only one method has seen the conversion.</summary>
    public void FlagOneMethod(string explanation, DateTime now)
    {
        if (HasPixel == HasPostback) throw new InvalidOperationException($"Conversion {Id} has both methods.");
        Discrepancy = HasPixel ? Conversions.Discrepancy.PixelOnly : Conversions.Discrepancy.PostbackOnly;
        Explanation = explanation;
        ReconcileDueAt = null;
        ReconciledAt = now;
        Touch(now);
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    private void Attribute(Click? click)
    {
        if (click is null) return;
        (AffiliateId, ClickId, ClickedAt) = (click.AffiliateId, click.Id, click.ClickedAt);
        (Sub1, Sub2, Sub3, Sub4, Sub5, Source) = (click.Sub1, click.Sub2, click.Sub3, click.Sub4, click.Sub5, click.Source);
    }

    private void Observe(Hit hit)
    {
        if (hit.Method == Method.Pixel)
            (PixelHitId, PixelAt, PixelAmount, PixelCurrency, PixelStatus) = (hit.Id, hit.ReceivedAt, hit.Amount, hit.Currency, hit.Status);
        else
        {
            (PostbackHitId, PostbackAt, PostbackAmount, PostbackCurrency, PostbackStatus) = (hit.Id, hit.ReceivedAt, hit.Amount, hit.Currency, hit.Status);
            (PostbackRevenue, PostbackPayout) = (hit.Revenue, hit.Payout);
        }
    }

    private void Recompute(GoalInfo goal)
    {
        var reporter = Has(Authority) ? Authority : Other(Authority);
        (Amount, Currency) = reporter == Method.Pixel ? (PixelAmount, PixelCurrency) : (PostbackAmount, PostbackCurrency);
        // Issue 11.3, precedence: what the postback sent, else the goal's fixed or percentage rule.
        var (revenue, payout) = goal.Price(Amount);
        (Revenue, Payout) = (PostbackRevenue ?? revenue, PostbackPayout ?? payout);
        if (!(HasPixel && HasPostback)) return;
        Discrepancy = PixelCurrency != PostbackCurrency ? Conversions.Discrepancy.CurrencyMismatch
            : PixelAmount is not null && PostbackAmount is not null && !Amounts.Agree(PixelAmount, PostbackAmount) ? Conversions.Discrepancy.AmountMismatch
            : null;
        Explanation = Discrepancy is not null
            ? $"the pixel reported {Money(PixelAmount, PixelCurrency)}, the postback {Money(PostbackAmount, PostbackCurrency)}; the conversion reports the {reporter.Name()}'s"
            : Match == MatchKind.Heuristic ? "matched heuristically: same click and goal, no order_id or event_id, within 48 hours and with equal amounts"
            : null;
    }
}
