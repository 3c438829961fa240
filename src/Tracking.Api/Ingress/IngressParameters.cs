using Microsoft.Extensions.Primitives;
using Tracking.Domain.UseCases.ReceiveConversion;

namespace Tracking.Api.Ingress;

/// <summary>The names a parameter is read under, canonical first; the first one present wins.</summary>
public sealed record ParameterNames(
    string[] ClickId, string[] Goal, string[] Amount, string[] Currency, string[] OrderId, string[] EventId, string[] Status,
    string[] Revenue, string[] Payout, string[][] Adv);

/// <summary>
/// SPEC 3: canonical parameter names and the aliases other trackers use. Pixels read SPEC 3's names; postbacks also read the
/// names of the dialects in docs/integration/migrating.md (Keitaro, Binom, Voluum, RedTrack, Affise, Everflow,
/// TUNE/HasOffers, CAKE, Trackier), so that an advertiser pastes its old postback URL with our host and nothing else. Pixels
/// do not: short names such as <c>r</c>, <c>t</c>, <c>e</c>, <c>p</c>, <c>type</c> and <c>sub1</c> are common on a
/// thank-you page's own tags (a cache buster, a timestamp) and would be misread as a click id, an order id or a goal.
/// </summary>
public static class IngressParameters
{
    public static readonly ParameterNames Pixel = new(
        ClickId: ["click_id", "clickid", "transaction_id", "cid", "subid"],
        Goal: ["goal", "event", "goal_id", "et"],
        Amount: ["amount", "sale_amount", "sum", "value"],
        Currency: ["currency"],
        OrderId: ["order_id", "txn_id", "txid", "adv_sub"],
        EventId: ["event_id", "eventid"],
        Status: ["status", "conv_status"],
        Revenue: [],
        Payout: [],
        Adv: [["adv1"], ["adv2"], ["adv3"], ["adv4"], ["adv5"]]);

    /// <summary>
    /// Postbacks: SPEC 3's names first, then the dialects'. <c>revenue</c> is what the advertiser pays (Keitaro, Binom and
    /// Voluum call it payout, CAKE p); <c>affiliate_payout</c> what the affiliate earns, honoured only for an advertiser with
    /// <c>postback_sets_payout</c>. Free fields: HasOffers adv_sub2..5, Affise custom_field1..5, Voluum param1..5, Keitaro
    /// sub_id_1..5, Trackier sub1..5.
    /// </summary>
    public static readonly ParameterNames Postback = new(
        ClickId: [.. Pixel.ClickId, "cnv_id", "reqid", "r"],
        Goal: [.. Pixel.Goal, "type", "goal_value", "adv_event_id", "e"],
        Amount: Pixel.Amount,
        Currency: [.. Pixel.Currency, "cnv_currency"],
        OrderId: [.. Pixel.OrderId, "tid", "action_id", "t"],
        EventId: Pixel.EventId,
        Status: [.. Pixel.Status, "cnv_status"],
        Revenue: ["revenue", "payout", "p"],
        Payout: ["affiliate_payout", "aff_payout"],
        Adv: [.. Enumerable.Range(1, 5).Select(n => n == 1
            ? new[] { "adv1", "custom_field1", "param1", "sub_id_1", "sub1" }
            : [$"adv{n}", $"adv_sub{n}", $"custom_field{n}", $"param{n}", $"sub_id_{n}", $"sub{n}"])]);

    public static ConversionParameters From(ParameterNames names, Func<string, string?> get) => new()
    {
        ClickId = First(get, names.ClickId),
        Goal = First(get, names.Goal),
        Amount = First(get, names.Amount),
        Currency = First(get, names.Currency),
        OrderId = First(get, names.OrderId),
        EventId = First(get, names.EventId),
        Status = First(get, names.Status),
        Revenue = First(get, names.Revenue),
        Payout = First(get, names.Payout),
        Adv1 = First(get, names.Adv[0]),
        Adv2 = First(get, names.Adv[1]),
        Adv3 = First(get, names.Adv[2]),
        Adv4 = First(get, names.Adv[3]),
        Adv5 = First(get, names.Adv[4]),
    };

    public static ConversionParameters From(ParameterNames names, IQueryCollection query) => From(names, name => Value(query[name]));

    /// <summary>Body fields win over query fields of the same name.</summary>
    public static ConversionParameters From(ParameterNames names, IQueryCollection query, IReadOnlyDictionary<string, string?> body) =>
        From(names, name => body.TryGetValue(name, out var v) && v is not null ? v : Value(query[name]));

    /// <summary>An OpenAPI description's alias list: SPEC 3's aliases, then the names only postbacks read.</summary>
    public static string Aliases(string[] pixel, string[] postback)
    {
        var extra = postback.Except(pixel).ToArray();
        var spec = pixel.Length > 1 ? "aliases: " + string.Join(", ", pixel[1..]) : "";
        return extra.Length == 0 ? spec : $"{spec}{(spec.Length > 0 ? "; " : "")}postbacks also read: {string.Join(", ", extra)}";
    }

    public static string? Value(StringValues values) => values.Count == 0 ? null : values[0];

    private static string? First(Func<string, string?> get, string[] names)
    {
        foreach (var name in names)
            if (get(name) is { Length: > 0 } v && !IsUnfilledMacro(v)) return v;
        return null;
    }

    /// <summary>
    /// Issue 11.5: a macro the sender had no value for and left as written (<c>{AMOUNT}</c>, <c>(event-revenue)</c>,
    /// <c>${(event_data.revenue)!}</c>) is read as absent, as AppsFlyer's and Branch's empty values and Adjust's dropped
    /// parameters are, rather than failing the whole postback on one unknown field.
    /// </summary>
    public static bool IsUnfilledMacro(string value) =>
        value.Length > 2 && (value[0] == '{' && value[^1] == '}' || value[0] == '(' && value[^1] == ')' || value.StartsWith("${", StringComparison.Ordinal) && value[^1] == '}');
}
