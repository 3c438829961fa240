using System.Globalization;
using System.Text;
using Tracking.Api.Http;

namespace Tracking.Api.Features.Conversions;

/// <summary>Issue 11.6: the conversions as CSV, one row each, with their sub ids and advertiser fields; written as they are read.</summary>
public static class ConversionsCsv
{
    public static readonly string[] Columns =
    [
        "id", "created_at", "offer_id", "affiliate_id", "goal", "status", "click_id", "order_id", "event_id", "methods", "match",
        "amount", "currency", "revenue", "payout", "discrepancy", "sub1", "sub2", "sub3", "sub4", "sub5", "source",
        "adv1", "adv2", "adv3", "adv4", "adv5", "is_test",
    ];

    public static async Task WriteAsync(Stream body, IAsyncEnumerable<ConversionDto> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 16 * 1024);
        await writer.WriteAsync(Line(Columns));
        await foreach (var c in rows.WithCancellation(ct)) await writer.WriteAsync(Line(Values(c)));
    }

    private static IEnumerable<string?> Values(ConversionDto c) =>
    [
        c.Id, c.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), Num(c.OfferId), Num(c.AffiliateId), c.Goal,
        QueryValues.Name(c.Status), c.ClickId, c.OrderId, c.EventId, string.Join('+', c.Methods.Select(m => QueryValues.Name(m))),
        QueryValues.Name(c.Match), Money(c.Amount), c.Currency, Money(c.Revenue), Money(c.Payout),
        c.Discrepancy is { } d ? QueryValues.Name(d) : null, c.Sub1, c.Sub2, c.Sub3, c.Sub4, c.Sub5, c.Source,
        c.Adv1, c.Adv2, c.Adv3, c.Adv4, c.Adv5, c.IsTest ? "true" : "false",
    ];

    private static string? Num(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    private static string? Money(decimal? d) => d?.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(f => Escape(f ?? ""))) + "\r\n";

    /// <summary>RFC 4180 quoting; a leading formula character is defused so that a spreadsheet does not evaluate an advertiser's field.</summary>
    private static string Escape(string field)
    {
        if (field.Length > 0 && "=+-@".Contains(field[0]) && !decimal.TryParse(field, CultureInfo.InvariantCulture, out _)) field = "'" + field;
        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }
}
