namespace Tracking.Domain.Clicks;

/// <summary>One visit through a tracking link. Written by the ingress log in batches, never updated.</summary>
public sealed class Click
{
    private Click() { }

    public Click(string id, int offerId, int affiliateId, DateTime clickedAt, ClickContext context)
    {
        Id = id;
        OfferId = offerId;
        AffiliateId = affiliateId;
        ClickedAt = clickedAt;
        (Sub1, Sub2, Sub3, Sub4, Sub5, Source) = (context.Sub1, context.Sub2, context.Sub3, context.Sub4, context.Sub5, context.Source);
        (Ip, UserAgent, Referrer) = (context.Ip, context.UserAgent, context.Referrer);
        IsTest = context.IsTest;
    }

    public string Id { get; private set; } = "";
    public int OfferId { get; private set; }
    public int AffiliateId { get; private set; }
    public DateTime ClickedAt { get; private set; }
    public string? Sub1 { get; private set; }
    public string? Sub2 { get; private set; }
    public string? Sub3 { get; private set; }
    public string? Sub4 { get; private set; }
    public string? Sub5 { get; private set; }
    public string? Source { get; private set; }
    public string? Ip { get; private set; }
    public string? UserAgent { get; private set; }
    public string? Referrer { get; private set; }

    /// <summary>Made by the console's "send a test conversion": its conversions stay out of reports and forwarding.</summary>
    public bool IsTest { get; private set; }

    public string? Macro(string name) => name switch
    {
        "click_id" => Id,
        "offer_id" => OfferId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "aff_id" => AffiliateId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "sub1" => Sub1,
        "sub2" => Sub2,
        "sub3" => Sub3,
        "sub4" => Sub4,
        "sub5" => Sub5,
        "source" => Source,
        _ => null,
    };
}

public sealed record ClickContext(
    string? Sub1, string? Sub2, string? Sub3, string? Sub4, string? Sub5, string? Source,
    string? Ip, string? UserAgent, string? Referrer, bool IsTest = false);
