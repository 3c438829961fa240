namespace Tracking.Api.Features.Offers;

/// <summary>
/// Issue 11.5: what to paste in a mobile measurement partner's partner configuration. <see cref="AttributionLink"/> is the
/// parameter the offer's landing URL (the MMP's attribution link) carries our click id in; <see cref="InstallPostback"/> and
/// <see cref="EventPostback"/> are our postback URL written with that MMP's own macros, which the MMP fills. The install
/// time and the device ids land in <c>adv1..adv4</c> (<see cref="AdvFields"/>); docs/integration/mmp.md gives the sources.
/// </summary>
public sealed record MmpPostback(
    string Mmp, string AttributionLink, string InstallPostback, string EventPostback, IReadOnlyDictionary<string, string> AdvFields, string Note);

public static class MmpKit
{
    /// <summary>The advertiser fields every MMP entry fills alike (issue 11.5: device ids kept as advertiser fields).</summary>
    public static readonly IReadOnlyDictionary<string, string> Adv = new Dictionary<string, string>
    {
        ["adv1"] = "install time (as the MMP writes it)",
        ["adv2"] = "IDFA (iOS)",
        ["adv3"] = "Google advertising id (Android)",
        ["adv4"] = "the MMP's own device id",
    };

    private sealed record Macros(
        string Link, string ClickId, string EventName, string Amount, string? Currency, string? InstallTime, string Idfa, string Gaid,
        string? DeviceId, string? EventId, string Note);

    private static readonly (string Name, Macros M)[] Mmps =
    [
        ("AppsFlyer", new("clickid={click_id}", "(clickid)", "(event-name)", "(event-revenue)", "(event-revenue-currency)", "(install-unix-ts)",
            "(idfa)", "(advertiserId)", "(android-id)", null,
            "AppsFlyer returns the attribution link's clickid parameter in (clickid); map af_purchase and your other event names in the offer's event goals.")),
        ("Adjust", new("label={click_id}", "{label}", "{event_name}", "{revenue_float}", "{currency}", "{installed_at}",
            "{idfa}", "{gps_adid}", "{adid}", null,
            "Put our click id in the Adjust link's label parameter; set the event URL as the callback of each event token.")),
        ("Branch", new("~click_id={click_id}", "${(last_attributed_touch_data.~click_id)!}", "${(name)!}", "${(event_data.revenue)!}",
            "${(event_data.currency)!}", "${(event_timestamp)!}", "${(user_data.idfa)!}", "${(user_data.aaid)!}", null, "${(id)!}",
            "Branch's own event names (install, purchase, …) match goals of the same name; adv1 is the event time in milliseconds (the install time on installs).")),
        ("Singular", new("cl={click_id}", "{cl?NetworkName}", "{EVTNAME}", "{AMOUNT}", null, "{UTCM}", "{IDFA}", "{AIFA}", null, null,
            "Replace NetworkName with the name this partner is configured under in Singular; {AMOUNT} is read in the offer's currency.")),
        ("Kochava", new("click_id={click_id}", "{click_id}", "{event_name}", "{event_value}", "{currency}", null,
            "{idfa}", "{adid}", "{kochava_device_id}", null,
            "Kochava passes the tracking link's click_id back as {click_id}; its install event (_install) goes to the goal install.")),
    ];

    public static IReadOnlyList<MmpPostback> For(string baseUrl, string token) =>
        Mmps.Select(x => Build(baseUrl, token, x.Name, x.M)).ToList();

    private static MmpPostback Build(string baseUrl, string token, string name, Macros m)
    {
        var devices = $"&adv2={m.Idfa}&adv3={m.Gaid}" + (m.DeviceId is null ? "" : $"&adv4={m.DeviceId}");
        var installTime = m.InstallTime is null ? "" : $"&adv1={m.InstallTime}";
        var eventId = m.EventId is null ? "" : $"&event_id={m.EventId}";
        var install = $"{baseUrl}/postback?click_id={m.ClickId}&goal=install{eventId}{installTime}{devices}&token={token}";
        var money = $"&amount={m.Amount}" + (m.Currency is null ? "" : $"&currency={m.Currency}");
        // The event time is only the install time on the install postback: events carry adv1 only where the MMP has an install-time macro.
        var eventInstallTime = name is "Branch" or "Singular" ? "" : installTime;
        var evt = $"{baseUrl}/postback?click_id={m.ClickId}&goal={m.EventName}{money}{eventId}{eventInstallTime}{devices}&token={token}";
        return new MmpPostback(name, m.Link, install, evt, Adv, m.Note);
    }
}
