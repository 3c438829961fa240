namespace Tracking.Api.Tests.Fuzz;

/// <summary>The values the fuzz mixes into every query, header, form and JSON field.</summary>
public static class Nasty
{
    /// <summary>The header name an injection would create; no answer may carry it.</summary>
    public const string InjectedHeader = "X-Fuzz-Injected";

    /// <summary>Ways of asking a redirect to leave its host.</summary>
    public static readonly string[] Redirects =
    [
        "//evil.example", "/\\evil.example", "\\\\evil.example", "\\/evil.example", "https:evil.example", "https:/evil.example",
        "https://evil.example", "http://evil.example/", "@evil.example", "%2F%2Fevil.example", "%2f%5cevil.example", ".evil.example",
        "evil.example", "ht\ttps://evil.example", "https\n://evil.example", "java\nscript:alert(1)", "javascript:alert(1)",
        "https://shop.example@evil.example", "https://evil.example\\@shop.example", "https://evil.example#@shop.example",
        "/\t/evil.example", " //evil.example", "/%09/evil.example", "/dashboard/../..//evil.example", "/dashboard\\..\\..\\evil.example",
        "/dashboard/%2e%2e/%2e%2e//evil.example", "/dashboard@evil.example", "/dashboard//evil.example", "//evil.example/dashboard",
        "/\\/evil.example/dashboard", "\u3002evil.example", "//evil\u3002example", "//\u2100evil.example", "https://evil.example:443/",
        "/dashboard\r\nLocation: https://evil.example", "data:text/html,<script>alert(1)</script>",
    ];

    /// <summary>Header injection attempts, raw and encoded, including UTF-8 whose low bytes are CR and LF (U+560D U+560A).</summary>
    public static readonly string[] Crlf =
    [
        $"a\r\n{InjectedHeader}: 1", $"a\n{InjectedHeader}: 1", $"a\r{InjectedHeader}: 1", $"%0d%0a{InjectedHeader}:%201",
        $"%250d%250a{InjectedHeader}: 1", $"\u560d\u560a{InjectedHeader}: 1", $"\u010d\u010a{InjectedHeader}: 1", $"\r\n\r\n<html>{InjectedHeader}",
        $"/dashboard\r\n{InjectedHeader}: 1", $"/dashboard%0d%0a{InjectedHeader}:1",
    ];

    public static readonly string[] Text =
    [
        "", " ", "\t", "0", "-1", "1.5", "2147483648", "-2147483649", "99999999999999999999999999999", "1e9", "1e999", "NaN", "Infinity",
        "0x10", " 12 ", "\uff11\uff12", "\u0661\u0662", "1,5", "1.23456", "0.0001", "1000000000", "1000000000.0001", "-0", "+1", ".5", "5.",
        "ü", "€", "😀", "\u0000", "\u0001", "\u007f", "\uffff", "\ud800", "\udfff", "\u202e", "\u200b", "\ufeff", "ı", "ſ", "K",
        "{click_id}", "{AMOUNT}", "(event-revenue)", "${(event_data.revenue)!}", "{{x}}", "{", "}", "{}", "%", "%%", "%zz", "%u0041", "+",
        "=HYPERLINK(\"http://evil.example\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "a,b", "a;b", "\"quoted\"", "'",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "../../etc/passwd", "..%2F..%2F", "%00", "null", "true", "[]",
        "{\"a\":1}", "USD", "usd", "uſd", "ıdr", "XXX", "US", "USDD", "approved", "pending", "rejected", "sale", "APPROVED", "refund",
        "2026-01-31", "2026-01-31T12:00:00Z", "2026-13-45", "yesterday", "1700000000", "9999-12-31T23:59:59Z", "0001-01-01", "-62135596800",
        "install", "purchase", "INSTALL", "day", "week", "offer", "affiliate", "goal", "csv", "json", "UTC", "Europe/Paris", "Mars/Olympus",
    ];

    /// <summary>Raw bytes that are not valid UTF-8 or not allowed in an HTTP head; sent only by the raw requests.</summary>
    public static readonly byte[][] RawBytes =
    [
        [0xff], [0xfe, 0xff], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80],
        [0x00], [0x0d], [0x0a], [0x0d, 0x0a], [0x09], [0x20], [0x7f], [0x1b], [0xc3, 0xbc], [0x25, 0xff], [0x22], [0x3c, 0x3e],
    ];

    public static string Long(Random random) => new((char)random.Next('a', 'z' + 1), random.Next(4) switch
    {
        0 => 256,
        1 => 257,
        2 => 2_001,
        _ => random.Next(4_000, 15_000),
    });

    public static string Any(Random random) => random.Next(20) switch
    {
        < 4 => Pick(random, Redirects),
        < 6 => Pick(random, Crlf),
        6 => Long(random),
        7 => Pick(random, Text) + Pick(random, Text),
        _ => Pick(random, Text),
    };

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
