using System.Net;
using Tracking.Api.Ingress;
using Tracking.Domain.Catalog;

namespace Tracking.Api.Features.Offers;

/// <summary>
/// The integration kit of an offer. <c>{placeholders}</c> are left for whoever pastes the snippet: the affiliate's network
/// fills <c>{aff_id}</c> and <c>{sub1}</c>, the advertiser's page or server fills the conversion's values.
/// </summary>
public sealed record IntegrationKit(
    int OfferId, string TrackingLink, PixelSnippets Pixel, string PostbackUrl, IReadOnlyList<GoalIntegration> Goals,
    IReadOnlyDictionary<string, string[]> ParameterAliases)
{
    /// <summary>Issue 11.5: the install and in-app postbacks of AppsFlyer, Adjust, Branch, Singular and Kochava, in their own macros.</summary>
    public IReadOnlyList<MmpPostback> Mmp { get; init; } = [];

    /// <summary>Issue 12.1: how to sign a postback, with samples filled with this address and the advertiser's secret.</summary>
    public SigningKit? Signing { get; init; }

    /// <summary>Issue 11.5: the offer's event names mapped onto its goals, as the MMP postbacks are read.</summary>
    public IReadOnlyDictionary<string, string> EventGoals { get; init; } = new Dictionary<string, string>();

    public static IntegrationKit Build(string baseUrl, int offerId, string currency, string token, IReadOnlyList<string> goals)
    {
        var pixelQuery = "goal={goal}&amount={amount}&currency=" + currency + "&order_id={order_id}&event_id={event_id}";
        var goalList = $"<!-- goal: one of {string.Join(", ", goals)} -->";
        var script = $"<script src=\"{baseUrl}/t.js\"></script>";
        var pixel = new PixelSnippets(
            Image: $"{goalList}\n<img src=\"{Attr($"{baseUrl}/p/{offerId}.gif?{pixelQuery}")}\" width=\"1\" height=\"1\" style=\"display:none\" alt=\"\">",
            Iframe: $"{goalList}\n<iframe src=\"{Attr($"{baseUrl}/p/{offerId}.html?{pixelQuery}")}\" width=\"1\" height=\"1\" style=\"display:none\"></iframe>",
            Javascript: $"{goalList}\n{script}\n<script>\n  trk('conversion', {{ offer_id: {offerId}, goal: '{Offer.DefaultGoal}', amount: '{{amount}}', " +
                $"currency: '{currency}', order_id: '{{order_id}}', event_id: '{{event_id}}' }});\n</script>",
            LandingPage: script);
        var postback = $"{baseUrl}/postback?click_id={{click_id}}&goal={{goal}}&amount={{amount}}&currency={{currency}}" +
            $"&order_id={{order_id}}&event_id={{event_id}}&token={token}";
        return new IntegrationKit(offerId, $"{baseUrl}/c/{offerId}?aff_id={{aff_id}}&sub1={{sub1}}", pixel, postback,
            goals.Select(code => GoalIntegration.For(baseUrl, offerId, currency, token, code)).ToList(), Aliases)
        {
            Mmp = MmpKit.For(baseUrl, token),
        };
    }

    private static string Attr(string value) => WebUtility.HtmlEncode(value);

    /// <summary>
    /// SPEC 3: every accepted name of each parameter, canonical first, as a postback reads them; a pixel reads SPEC 3's names
    /// only (the first ones), not the other trackers' that follow.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string[]> Aliases = new Dictionary<string, string[]>
    {
        ["click_id"] = IngressParameters.Postback.ClickId,
        ["goal"] = IngressParameters.Postback.Goal,
        ["amount"] = IngressParameters.Postback.Amount,
        ["currency"] = IngressParameters.Postback.Currency,
        ["order_id"] = IngressParameters.Postback.OrderId,
        ["event_id"] = IngressParameters.Postback.EventId,
        ["status"] = IngressParameters.Postback.Status,
        ["revenue"] = IngressParameters.Postback.Revenue,
        ["affiliate_payout"] = IngressParameters.Postback.Payout,
        ["adv1"] = IngressParameters.Postback.Adv[0],
        ["adv2"] = IngressParameters.Postback.Adv[1],
        ["adv3"] = IngressParameters.Postback.Adv[2],
        ["adv4"] = IngressParameters.Postback.Adv[3],
        ["adv5"] = IngressParameters.Postback.Adv[4],
    };
}

/// <summary><see cref="LandingPage"/> goes on the landing page (it keeps the click id first-party); the others on the thank-you page.</summary>
public sealed record PixelSnippets(string Image, string Iframe, string Javascript, string LandingPage);

/// <summary>Per goal: <c>install</c> is an install postback, any other goal an in-app postback (SPEC 3.3).</summary>
public sealed record GoalIntegration(string Code, string PostbackKind, string PostbackUrl, string PixelUrl)
{
    public static GoalIntegration For(string baseUrl, int offerId, string currency, string token, string code)
    {
        var install = code == "install";
        var values = install ? "" : $"&amount={{amount}}&currency={currency}&order_id={{order_id}}&event_id={{event_id}}";
        return new GoalIntegration(code, install ? "install" : "in_app",
            $"{baseUrl}/postback?click_id={{click_id}}&goal={code}{values}&token={token}",
            $"{baseUrl}/p/{offerId}.gif?goal={code}{values}");
    }
}
