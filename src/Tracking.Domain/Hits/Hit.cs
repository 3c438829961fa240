using Tracking.Domain.Common;

namespace Tracking.Domain.Hits;

/// <summary>
/// One incoming conversion signal as received (SPEC 2). Ingress writes it; the worker gives it exactly one
/// outcome. A hit rejected at ingress carries its outcome from the start and never reaches the worker.
/// </summary>
public sealed class Hit
{
    private Hit() { }

    public Hit(string id, Method method, HitChannel channel, DateTime receivedAt, HitFields fields)
    {
        Id = id;
        Method = method;
        Channel = channel;
        ReceivedAt = receivedAt;
        OfferId = fields.OfferId;
        AffiliateId = fields.AffiliateId;
        Goal = fields.Goal;
        ClickId = fields.ClickId;
        ClickIdSource = fields.ClickIdSource;
        Amount = fields.Amount;
        Currency = fields.Currency;
        OrderId = fields.OrderId;
        EventId = fields.EventId;
        Status = fields.Status;
        (Revenue, Payout) = (fields.Revenue, fields.Payout);
        (Adv1, Adv2, Adv3, Adv4, Adv5) = (fields.Adv1, fields.Adv2, fields.Adv3, fields.Adv4, fields.Adv5);
        (Ip, UserAgent) = (fields.Ip, fields.UserAgent);
        IsTest = fields.IsTest;
    }

    public string Id { get; private set; } = "";
    public Method Method { get; private set; }
    public HitChannel Channel { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public int? OfferId { get; private set; }
    public int? AffiliateId { get; private set; }
    public string? Goal { get; private set; }
    public string? ClickId { get; private set; }
    public ClickIdSource ClickIdSource { get; private set; }
    public decimal? Amount { get; private set; }
    public string? Currency { get; private set; }
    public string? OrderId { get; private set; }
    public string? EventId { get; private set; }
    public string? Status { get; private set; }
    /// <summary>The revenue a postback sent (issue 11.3): it overrides the goal's rule for its conversion.</summary>
    public decimal? Revenue { get; private set; }
    /// <summary>The affiliate payout a postback sent, kept only for an advertiser with <c>postback_sets_payout</c>.</summary>
    public decimal? Payout { get; private set; }
    public string? Adv1 { get; private set; }
    public string? Adv2 { get; private set; }
    public string? Adv3 { get; private set; }
    public string? Adv4 { get; private set; }
    public string? Adv5 { get; private set; }
    public string? Ip { get; private set; }
    public string? UserAgent { get; private set; }

    /// <summary>Fired by the console's "send a test conversion"; left out of reports.</summary>
    public bool IsTest { get; private set; }

    /// <summary>A reason code of SPEC 6; null while the worker has not decided.</summary>
    public string? Outcome { get; private set; }
    /// <summary>Human-readable detail of the outcome (what was wrong, what it merged with).</summary>
    public string? OutcomeDetail { get; private set; }
    public string? ConversionId { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    public bool IsDecided => DecidedAt is not null;

    public void Decide(string outcome, string? conversionId, string? detail, DateTime at)
    {
        if (IsDecided) throw new InvalidOperationException($"Hit {Id} already has the outcome {Outcome}.");
        Outcome = outcome;
        ConversionId = conversionId;
        OutcomeDetail = detail;
        DecidedAt = at;
    }

    /// <summary>A cookieless pixel parked as <c>no_click_id</c> is claimed later by a postback with its order or event id (SPEC 4.6).</summary>
    public void ClaimParkedPixel(string conversionId, DateTime at)
    {
        if (Outcome != Reasons.NoClickId || Method != Method.Pixel)
            throw new InvalidOperationException($"Hit {Id} is not a parked pixel.");
        Outcome = Reasons.Merged;
        ConversionId = conversionId;
        OutcomeDetail = "pixel without click id merged by order_id/event_id with a postback";
        DecidedAt = at;
    }
}

public enum HitChannel { Image, Iframe, Script, Get, Post }

public enum ClickIdSource { None, Parameter, Cookie }

/// <summary>The parsed, validated fields of a hit, as ingress read them.</summary>
public sealed record HitFields
{
    public bool IsTest { get; init; }
    public int? OfferId { get; init; }
    public int? AffiliateId { get; init; }
    public string? Goal { get; init; }
    public string? ClickId { get; init; }
    public ClickIdSource ClickIdSource { get; init; }
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    public string? OrderId { get; init; }
    public string? EventId { get; init; }
    public string? Status { get; init; }
    public decimal? Revenue { get; init; }
    public decimal? Payout { get; init; }
    public string? Adv1 { get; init; }
    public string? Adv2 { get; init; }
    public string? Adv3 { get; init; }
    public string? Adv4 { get; init; }
    public string? Adv5 { get; init; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }
}
