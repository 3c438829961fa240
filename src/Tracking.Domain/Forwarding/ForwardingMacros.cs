using System.Globalization;
using System.Text.Json;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;

namespace Tracking.Domain.Forwarding;

/// <summary>The macros of an affiliate postback (SPEC 5): checked when a template is saved, filled URL-encoded when a delivery is made.</summary>
public static class ForwardingMacros
{
    public const int MaxUrlLength = 2000;

    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "click_id", "conversion_id", "offer_id", "aff_id", "sub1", "sub2", "sub3", "sub4", "sub5", "source",
        "goal", "amount", "payout", "currency", "status", "order_id", "event_id", "timestamp",
        "adv1", "adv2", "adv3", "adv4", "adv5",
    };

    /// <summary>An absolute http(s) URL whose macros are all known; otherwise 400 <c>invalid_url</c> or <c>unknown_macro</c>.</summary>
    public static string RequireTemplate(string? url, string field)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength)
            throw new DomainException(Reasons.InvalidUrl, $"{field} is required and has at most {MaxUrlLength} characters.");
        url = url.Trim();
        var unknown = UrlTemplate.Unknown(url, Names);
        if (unknown.Count > 0)
            throw new DomainException(Reasons.UnknownMacro,
                $"{field} uses unknown macros: {string.Join(", ", unknown.Select(m => "{" + m + "}"))}; known: {string.Join(" ", Names.Select(m => "{" + m + "}"))}.");
        // Filled two ways: a macro inside the scheme or host would let a conversion's values choose where the request goes.
        var x = UrlTemplate.Fill(url, Names, static _ => "x");
        var y = UrlTemplate.Fill(url, Names, static _ => "y");
        if (!Uri.TryCreate(x, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)
            || !Uri.TryCreate(y, UriKind.Absolute, out var other) || other.Scheme != uri.Scheme || other.Authority != uri.Authority)
            throw new DomainException(Reasons.InvalidUrl, $"{field} must be an absolute http or https URL, without macros in its scheme or host.");
        return url;
    }

    /// <summary>The macro values of a conversion; <paramref name="status"/> overrides the conversion's (a reversal says <c>rejected</c>).</summary>
    public static IReadOnlyDictionary<string, string?> Values(Conversion c, DateTime now, ConversionStatus? status = null) =>
        new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["click_id"] = c.ClickId,
            ["conversion_id"] = c.Id,
            ["offer_id"] = c.OfferId.ToString(CultureInfo.InvariantCulture),
            ["aff_id"] = c.AffiliateId?.ToString(CultureInfo.InvariantCulture),
            ["sub1"] = c.Sub1,
            ["sub2"] = c.Sub2,
            ["sub3"] = c.Sub3,
            ["sub4"] = c.Sub4,
            ["sub5"] = c.Sub5,
            ["source"] = c.Source,
            ["goal"] = c.Goal,
            ["amount"] = c.Amount?.ToString("0.####", CultureInfo.InvariantCulture),
            ["payout"] = c.Payout.ToString("0.####", CultureInfo.InvariantCulture),
            ["currency"] = c.Currency,
            ["status"] = (status ?? c.Status).ToString().ToLowerInvariant(),
            ["order_id"] = c.OrderId,
            ["event_id"] = c.EventId,
            ["timestamp"] = new DateTimeOffset(now, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            // Issue 11.6: the advertiser's free fields, as the conversion kept them.
            ["adv1"] = c.Adv1,
            ["adv2"] = c.Adv2,
            ["adv3"] = c.Adv3,
            ["adv4"] = c.Adv4,
            ["adv5"] = c.Adv5,
        };

    public static string Expand(string template, IReadOnlyDictionary<string, string?> values) =>
        UrlTemplate.Fill(template, Names, name => values.GetValueOrDefault(name));

    /// <summary>The request a template makes for these values: its URL filled, and for a POST the JSON body of every macro.</summary>
    public static (string Url, string? Body) Request(ForwardingTemplate template, string url, IReadOnlyDictionary<string, string?> values) =>
        (Expand(url, values), template.Method == ForwardingMethod.Post ? JsonBody(values) : null);

    /// <summary>The body of a POST template: every macro as a JSON string (null when the conversion has no value).</summary>
    public static string JsonBody(IReadOnlyDictionary<string, string?> values) => JsonSerializer.Serialize(values);
}
