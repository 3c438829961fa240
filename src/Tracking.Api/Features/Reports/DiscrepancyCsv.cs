using System.Text;
using CsvHelper;
using Tracking.Api.Http;

namespace Tracking.Api.Features.Reports;

/// <summary>The discrepancy report as CSV: one row per group, each reason code flattened into a <c>reason_{code}</c> column.</summary>
public static class DiscrepancyCsv
{
    public static string Write(IReadOnlyList<DiscrepancyRow> rows)
    {
        var reasons = rows.SelectMany(r => r.Reasons.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        // Money per currency (issue 11.3): a column per kind and currency present, e.g. revenue_USD.
        var money = MoneyKinds.SelectMany(k => rows.SelectMany(r => k.Of(r).Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(c => new MoneyColumn($"{k.Name}_{c}", k.Of, c))).ToList();
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, CsvFiles.WriterOptions, leaveOpen: true))
        {
            string[] fixedColumns = ["group", "conversions", "both", "pixel_only", "postback_only", "awaiting", "amount_mismatch", "currency_mismatch", "match_rate"];
            foreach (var name in fixedColumns.Concat(money.Select(m => m.Name)).Concat(reasons.Select(r => "reason_" + r))) csv.WriteField(name);
            csv.EndRecord();
            foreach (var r in rows) Row(csv, r, money, reasons);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private sealed record MoneyColumn(string Name, Func<DiscrepancyRow, IReadOnlyDictionary<string, decimal>> Of, string Currency);

    private static readonly (string Name, Func<DiscrepancyRow, IReadOnlyDictionary<string, decimal>> Of)[] MoneyKinds =
        [("revenue", r => r.Revenue), ("payout", r => r.Payout), ("pending_revenue", r => r.PendingRevenue), ("pending_payout", r => r.PendingPayout)];

    private static void Row(CsvWriter csv, DiscrepancyRow r, List<MoneyColumn> money, List<string> reasons)
    {
        CsvFiles.WriteValue(csv, r.Group);
        foreach (var count in (int[])[r.Conversions, r.Both, r.PixelOnly, r.PostbackOnly, r.Awaiting, r.AmountMismatch, r.CurrencyMismatch])
            csv.WriteField(count, default);
        csv.WriteField(r.MatchRate, "0.####");
        foreach (var m in money) csv.WriteField(m.Of(r).GetValueOrDefault(m.Currency), "0.####");
        foreach (var code in reasons)
        {
            if (r.Reasons.TryGetValue(code, out var n)) csv.WriteField(n, default);
            else csv.WriteField("");
        }
        csv.EndRecord();
    }
}
