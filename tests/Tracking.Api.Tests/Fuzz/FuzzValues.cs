using System.Globalization;
using System.Text.Json;

namespace Tracking.Api.Tests.Fuzz;

/// <summary>A console session signed in with the admin key, and the antiforgery pairs its forms need.</summary>
public sealed record ConsoleSession(string Cookies, string Token, string AnonymousCookies, string AnonymousToken);

/// <summary>What the generator knows of the running app: its port, the seeded rows and real click ids.</summary>
public sealed record FuzzContext(
    int Port, Seeded Seeded, IReadOnlyList<int> ClickOffers, string LandingHost, IReadOnlyList<string> ClickIds, string[] AllNames,
    string[] Handlers, ConsoleSession Console, JsonElement OpenApi)
{
    /// <summary>Ids the API requests may change; the offers that clicks are judged against are never among them.</summary>
    public int SandboxOfferId { get; init; }
}

/// <summary>A value for a parameter: half the time one the app accepts (a seeded id, a real click id, an amount), else nasty.</summary>
public static class FuzzValues
{
    /// <summary>A value for <paramref name="name"/>; <paramref name="gentle"/> requests take the accepted value nine times in ten.</summary>
    public static string For(string name, Random random, FuzzContext c, bool gentle = false) =>
        random.Next(gentle ? 10 : 2) > 0 && Good(name.ToLowerInvariant(), random, c) is { } good ? good : Nasty.Any(random);

    public static string Int(Random random, FuzzContext c) => random.Next(10) switch
    {
        < 4 => c.SandboxOfferId.ToString(CultureInfo.InvariantCulture),
        < 6 => c.Seeded.AffiliateId.ToString(CultureInfo.InvariantCulture),
        6 => c.Seeded.AdvertiserId.ToString(CultureInfo.InvariantCulture),
        7 => Nasty.Pick(random, ["0", "-1", "2147483647", "-2147483648"]),
        // Never an offer that clicks are judged against: a PATCH could move its landing page to another host.
        _ => random.Next(1, 500) is var n && c.ClickOffers.Contains(n) ? (n + 1000).ToString(CultureInfo.InvariantCulture) : n.ToString(CultureInfo.InvariantCulture),
    };

    public static string ClickId(Random random, FuzzContext c)
    {
        var id = Nasty.Pick(random, c.ClickIds);
        if (random.Next(3) > 0) return id;
        var at = random.Next(id.Length);
        return id[..at] + (char)random.Next(33, 127) + id[(at + 1)..];
    }

    private static string? Good(string name, Random random, FuzzContext c) => name switch
    {
        "offer_id" => Nasty.Pick(random, c.ClickOffers).ToString(CultureInfo.InvariantCulture),
        "aff_id" or "affiliate_id" => c.Seeded.AffiliateId.ToString(CultureInfo.InvariantCulture),
        "advertiser_id" => c.Seeded.AdvertiserId.ToString(CultureInfo.InvariantCulture),
        "click_id" or "clickid" or "cid" or "transaction_id" or "subid" or "cnv_id" or "reqid" or "r" => ClickId(random, c),
        "token" => random.Next(4) == 0 ? "wrong-token" : c.Seeded.Token,
        "amount" or "sale_amount" or "sum" or "value" or "revenue" or "payout" or "p" or "affiliate_payout" or "aff_payout" => Amount(random),
        "currency" or "cnv_currency" => Nasty.Pick(random, ["USD", "EUR", "eur", "JPY", "XXX", "usd "]),
        "goal" or "event" or "goal_id" or "et" or "type" or "e" => Nasty.Pick(random, ["install", "purchase", "nope"]),
        "status" or "conv_status" or "new_status" => Nasty.Pick(random, ["approved", "pending", "rejected", "sale", "1", "5", "hold"]),
        "order_id" or "txn_id" or "txid" or "adv_sub" or "tid" or "action_id" or "t" or "event_id" or "eventid" => "o" + random.Next(200),
        "limit" => random.Next(0, 1002).ToString(CultureInfo.InvariantCulture),
        "from" or "to" => DateTime.UtcNow.AddDays(-random.Next(-3, 60)).ToString(Nasty.Pick(random, ["yyyy-MM-dd", "O", "s"]), CultureInfo.InvariantCulture),
        "group_by" => Nasty.Pick(random, ["offer", "affiliate", "goal", "day", "currency"]),
        "format" => Nasty.Pick(random, ["csv", "json"]),
        "tz" => Nasty.Pick(random, ["UTC", "Europe/Paris", "America/New_York", "Asia/Kathmandu"]),
        "url" when random.Next(2) == 0 => "https://partner.example/pb?c={click_id}&a={amount}",
        "returnurl" or "return_url" or "url" or "next" or "redirect" => Nasty.Pick(random, Nasty.Redirects),
        "sub1" or "sub2" or "sub3" or "sub4" or "sub5" or "source" => Nasty.Pick(random, [.. Nasty.Redirects, .. Nasty.Crlf]),
        "handler" => Nasty.Pick(random, c.Handlers),
        "name" or "code" => "fuzz" + random.Next(10_000),
        "landing_url" => "https://shop.example/l?c={click_id}&s={sub1}",
        "reversal_url" => "https://partner.example/pb?c={click_id}&s={status}",
        "method" => Nasty.Pick(random, ["get", "post", "pixel", "postback"]),
        "state" => Nasty.Pick(random, ["active", "paused"]),
        "expected_methods" => Nasty.Pick(random, ["both", "pixel", "postback"]),
        "authority" => Nasty.Pick(random, ["postback", "pixel", "first"]),
        "revenue_type" or "payout_type" => Nasty.Pick(random, ["fixed", "percent"]),
        "role" => Nasty.Pick(random, ["admin", "analyst", "advertiser", "affiliate"]),
        "trigger" => Nasty.Pick(random, ["approved", "created", "any"]),
        "lookback_days" or "reconcile_after_minutes" or "hold_days" => random.Next(0, 100).ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string Amount(Random random) => random.Next(5) switch
    {
        0 => random.Next(0, 100_000).ToString(CultureInfo.InvariantCulture),
        1 => (random.Next(0, 10_000_000) / 100m).ToString(CultureInfo.InvariantCulture),
        2 => (random.Next() / 10_000m).ToString(CultureInfo.InvariantCulture),
        3 => Nasty.Pick(random, ["1000000000", "1000000000.01", "0.00001", "-1", "1,50", "1e3"]),
        _ => "{AMOUNT}",
    };
}
