using Microsoft.Extensions.Primitives;
using Tracking.Domain.UseCases.ReceiveConversion;

namespace Tracking.Api.Ingress;

/// <summary>SPEC 3: canonical parameter names and the aliases other trackers use, first match wins.</summary>
public static class IngressParameters
{
    public static readonly string[] ClickId = ["click_id", "clickid", "transaction_id", "cid", "subid"];
    public static readonly string[] Goal = ["goal", "event", "goal_id", "et"];
    public static readonly string[] Amount = ["amount", "sale_amount", "sum", "value"];
    public static readonly string[] Currency = ["currency"];
    public static readonly string[] OrderId = ["order_id", "txn_id", "txid", "adv_sub"];
    public static readonly string[] EventId = ["event_id", "eventid"];
    public static readonly string[] Status = ["status", "conv_status"];

    public static ConversionParameters From(Func<string, string?> get) => new()
    {
        ClickId = First(get, ClickId),
        Goal = First(get, Goal),
        Amount = First(get, Amount),
        Currency = First(get, Currency),
        OrderId = First(get, OrderId),
        EventId = First(get, EventId),
        Status = First(get, Status),
        Adv1 = get("adv1"),
        Adv2 = get("adv2"),
        Adv3 = get("adv3"),
        Adv4 = get("adv4"),
        Adv5 = get("adv5"),
    };

    public static ConversionParameters From(IQueryCollection query) => From(name => Value(query[name]));

    /// <summary>Body fields win over query fields of the same name.</summary>
    public static ConversionParameters From(IQueryCollection query, IReadOnlyDictionary<string, string?> body) =>
        From(name => body.TryGetValue(name, out var v) && v is not null ? v : Value(query[name]));

    public static string? Value(StringValues values) => values.Count == 0 ? null : values[0];

    private static string? First(Func<string, string?> get, string[] names)
    {
        foreach (var name in names)
            if (get(name) is { Length: > 0 } v) return v;
        return null;
    }
}
