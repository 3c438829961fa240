using CsvHelper;
using Tracking.Api.Http;
using Tracking.Domain.Conversions;
using Tracking.Domain.Reconciliation;

namespace Tracking.Api.Features.Reconciliation;

/// <summary>The reconciliation as CSV, written with CsvHelper straight to the response: the items of the JSON answer, one per record.</summary>
public static class ExportReconciliationCsv
{
    private static readonly string[] Columns =
    [
        "result", "line", "id", "conversion_id", "goal", "amount", "currency", "status", "export_amount", "export_currency", "export_status",
        "export_time", "differences", "applied",
    ];

    public static async Task WriteAsync(ExportReconciliation report, Stream output, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, CsvFiles.WriterOptions, leaveOpen: true);
        foreach (var name in Columns) csv.WriteField(name);
        await csv.EndRecordAsync(ct);
        foreach (var line in report.Lines)
        {
            Write(csv, line, report.Applied);
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    private static void Write(CsvWriter csv, ExportLine l, IReadOnlySet<string> applied)
    {
        var (ours, theirs) = (l.Ours, l.Theirs);
        csv.WriteField(ExportItem.ResultOf(l.Outcome));
        CsvFiles.WriteValue(csv, theirs?.Line);
        csv.WriteField(theirs?.Key ?? ours!.Key);
        csv.WriteField(ours?.Id);
        csv.WriteField(ours?.Goal ?? theirs?.Goal);
        CsvFiles.WriteAmount(csv, ours?.Amount);
        csv.WriteField(ours?.Currency);
        csv.WriteField(ours is null ? null : StatusWords.Name(ours.Status));
        CsvFiles.WriteAmount(csv, theirs?.Amount);
        csv.WriteField(theirs?.Currency);
        csv.WriteField(theirs?.StatusWord);
        CsvFiles.WriteValue(csv, theirs?.Time);
        csv.WriteField(string.Join(' ', ExportItem.Names(l.Differences)));
        csv.WriteField(ours is not null && applied.Contains(ours.Id) ? "true" : "false");
    }
}
