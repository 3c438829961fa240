using System.Globalization;
using System.Text;

namespace Tracking.Api.Features.Reports;

/// <summary>The discrepancy report as CSV: one row per group, each reason code flattened into a <c>reason_{code}</c> column.</summary>
public static class DiscrepancyCsv
{
    public static string Write(IReadOnlyList<DiscrepancyRow> rows)
    {
        var reasons = rows.SelectMany(r => r.Reasons.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        // Money per currency (issue 11.3): a column per kind and currency present, e.g. revenue_USD.
        (string Name, Func<DiscrepancyRow, IReadOnlyDictionary<string, decimal>> Of)[] kinds =
            [("revenue", r => r.Revenue), ("payout", r => r.Payout), ("pending_revenue", r => r.PendingRevenue), ("pending_payout", r => r.PendingPayout)];
        var money = kinds.SelectMany(k => rows.SelectMany(r => k.Of(r).Keys).Distinct().Order(StringComparer.Ordinal).Select(c => (Column: $"{k.Name}_{c}", k.Of, Currency: c)))
            .ToList();
        var csv = new StringBuilder();
        string[] fixedColumns = ["group", "conversions", "both", "pixel_only", "postback_only", "awaiting", "amount_mismatch", "currency_mismatch", "match_rate"];
        Line(csv, fixedColumns.Concat(money.Select(m => m.Column)).Concat(reasons.Select(r => "reason_" + r)));
        foreach (var r in rows)
        {
            IEnumerable<object?> values = [r.Group, r.Conversions, r.Both, r.PixelOnly, r.PostbackOnly, r.Awaiting, r.AmountMismatch, r.CurrencyMismatch, r.MatchRate];
            values = values.Concat(money.Select(m => (object?)m.Of(r).GetValueOrDefault(m.Currency)));
            Line(csv, values.Concat(reasons.Select(code => (object?)r.Reasons.GetValueOrDefault(code))).Select(Text));
        }
        return csv.ToString();
    }

    private static void Line(StringBuilder csv, IEnumerable<string> fields) => csv.Append(string.Join(',', fields.Select(Escape))).Append("\r\n");

    private static string Text(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>RFC 4180 quoting; a leading formula character is defused so that spreadsheets do not evaluate a goal code.</summary>
    private static string Escape(string field)
    {
        if (field.Length > 0 && "=+-@".Contains(field[0]) && !decimal.TryParse(field, CultureInfo.InvariantCulture, out _)) field = "'" + field;
        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }
}
