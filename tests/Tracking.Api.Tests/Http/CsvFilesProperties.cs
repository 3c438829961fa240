using CsCheck;
using CsvHelper;
using Tracking.Api.Features.Reconciliation;
using Tracking.Api.Http;

namespace Tracking.Api.Tests.Http;

/// <summary>
/// Issue 12.6: the product's CSV over generated text. What is written reads back the same (quotes, separators, CR/LF
/// inside values), except text a spreadsheet would run as a formula, which comes back with the leading <c>'</c> it was
/// written with; and an advertiser export written this way goes through the reconciliation reader unchanged.
/// </summary>
public sealed class CsvFilesProperties
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[Gen.Char['\u0001', '\ud7ff'], 0, 30],
        Gen.String[Gen.Char["a,;|\"'\r\n\t =+-@ "], 0, 12]);

    [Fact]
    public Task EveryValueReadsBackAsWrittenAndFormulasComeBackQuotedAsText() =>
        Sampled.CheckAsync(Text.Array[1, 6].Array[1, 5], async rows =>
        {
            var width = rows.Max(r => r.Length);
            var table = rows.Select(r => r.Concat(Enumerable.Repeat("", width - r.Length)).ToArray()).ToArray();
            using var buffer = new MemoryStream();
            using (var csv = CsvWriter.Create(buffer, CsvFiles.WriterOptions, leaveOpen: true))
            {
                for (var i = 0; i < width; i++) csv.WriteField("c" + i);
                csv.EndRecord();
                foreach (var row in table)
                {
                    foreach (var value in row) CsvFiles.WriteValue(csv, value);
                    csv.EndRecord();
                }
            }
            buffer.Position = 0;
            await using var reader = CsvReader.Create(buffer, CsvReaderOptions.Default with { MalformedData = CsvMalformedDataHandling.Throw });
            await reader.ReadHeaderAsync(Ct);
            foreach (var row in table)
            {
                Assert.True(await reader.ReadAsync(Ct));
                Assert.Equal(row.Select(Escaped), Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)));
            }
            Assert.False(await reader.ReadAsync(Ct));
        });

    private static readonly Gen<(string Key, decimal Amount, string Currency, string Goal)> ExportRow = Gen.Select(
        Text.Where(t => t.Trim().Length > 0), Gen.Long[0, 10_000_000_000_000].Select(n => n / 10_000m),
        Gen.Int[0, 3].Select(i => new[] { "USD", "EUR", "jpy", "Gbp" }[i]), Text);

    [Fact]
    public Task AnExportWrittenByTheProductReadsBackThroughTheReconciliationReader() =>
        Sampled.CheckAsync(ExportRow.Array[1, 8], async rows =>
        {
            using var buffer = new MemoryStream();
            using (var csv = CsvWriter.Create(buffer, CsvFiles.WriterOptions, leaveOpen: true))
            {
                foreach (var name in new[] { "order_id", "amount", "currency", "goal" }) csv.WriteField(name);
                csv.EndRecord();
                foreach (var (key, amount, currency, goal) in rows)
                {
                    CsvFiles.WriteValue(csv, key);
                    CsvFiles.WriteAmount(csv, amount);
                    CsvFiles.WriteValue(csv, currency);
                    CsvFiles.WriteValue(csv, goal);
                    csv.EndRecord();
                }
            }
            buffer.Position = 0;
            await using var reader = await ExportCsvReader.OpenAsync(buffer, ExportColumns.Defaults, null, Ct);
            var read = await reader.RowsAsync(Ct).ToListAsync(Ct);
            Assert.Equal(rows.Select(r => (Escaped(r.Key).Trim(), (decimal?)r.Amount, r.Currency.ToUpperInvariant(), Escaped(r.Goal).Trim() is { Length: > 0 } g ? g : null)),
                read.Select(r => (r.Key, r.Amount, r.Currency!, r.Goal)));
        }, iter: 500);

    /// <summary>What CsvFiles writes for text: a leading <c>'</c> before <c>= + - @</c>, tab or CR, so a spreadsheet shows it as text.</summary>
    private static string Escaped(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
