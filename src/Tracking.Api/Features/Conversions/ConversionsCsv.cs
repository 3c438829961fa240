using CsvHelper;
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

    /// <summary>Rows are written with CsvHelper into a buffer that goes to the response every 500 rows (never a sync write).</summary>
    public static async Task WriteAsync(Stream body, IAsyncEnumerable<ConversionDto> rows, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        using var csv = CsvWriter.Create(buffer, CsvFiles.WriterOptions, leaveOpen: true);
        foreach (var name in Columns) csv.WriteField(name);
        csv.EndRecord();
        var count = 0;
        await foreach (var c in rows.WithCancellation(ct))
        {
            Row(csv, c);
            if (++count % 500 == 0) await DrainAsync(csv, buffer, body, ct);
        }
        await DrainAsync(csv, buffer, body, ct);
    }

    private static async Task DrainAsync(CsvWriter csv, MemoryStream buffer, Stream body, CancellationToken ct)
    {
        csv.Flush();
        await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        buffer.SetLength(0);
    }

    private static void Row(CsvWriter csv, ConversionDto c)
    {
        CsvFiles.WriteValue(csv, c.Id);
        CsvFiles.WriteValue(csv, c.CreatedAt);
        CsvFiles.WriteValue(csv, c.OfferId);
        CsvFiles.WriteValue(csv, c.AffiliateId);
        foreach (var text in (string?[])[c.Goal, QueryValues.Name(c.Status), c.ClickId, c.OrderId, c.EventId,
                     string.Join('+', c.Methods.Select(m => QueryValues.Name(m))), QueryValues.Name(c.Match)])
            CsvFiles.WriteValue(csv, text);
        CsvFiles.WriteAmount(csv, c.Amount);
        CsvFiles.WriteValue(csv, c.Currency);
        CsvFiles.WriteAmount(csv, c.Revenue);
        CsvFiles.WriteAmount(csv, c.Payout);
        foreach (var text in (string?[])[c.Discrepancy is { } d ? QueryValues.Name(d) : null, c.Sub1, c.Sub2, c.Sub3, c.Sub4, c.Sub5, c.Source,
                     c.Adv1, c.Adv2, c.Adv3, c.Adv4, c.Adv5, c.IsTest ? "true" : "false"])
            CsvFiles.WriteValue(csv, text);
        csv.EndRecord();
    }
}
