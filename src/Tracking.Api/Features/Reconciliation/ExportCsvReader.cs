using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Reconciliation;

namespace Tracking.Api.Features.Reconciliation;

/// <summary>
/// Reads an advertiser's export with CsvHelper, a record at a time from the request stream: the separator is detected
/// (comma, semicolon, tab or bar), quoting must follow RFC 4180 and every record must have the header's field count. A line
/// that breaks a rule, or whose values do not parse, ends the reading with 400 <c>invalid_csv</c> naming the line.
/// </summary>
public sealed class ExportCsvReader : IAsyncDisposable
{
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Throw,
        MaxRecordSize = 64 * 1024,
    };

    private readonly CsvReader _reader;
    private readonly IReadOnlyDictionary<string, ConversionStatus>? _words;

    private ExportCsvReader(CsvReader reader, ExportLayout layout, IReadOnlyDictionary<string, ConversionStatus>? words) =>
        (_reader, Layout, _words) = (reader, layout, words);

    /// <summary>The columns found in the header.</summary>
    public ExportLayout Layout { get; }

    /// <summary>Reads the header and resolves the columns; the stream stays open.</summary>
    public static async Task<ExportCsvReader> OpenAsync(Stream csv, ExportColumns columns, IReadOnlyDictionary<string, ConversionStatus>? words,
        CancellationToken ct)
    {
        var reader = CsvReader.Create(csv, Options, leaveOpen: true);
        try
        {
            await NextAsync(reader, header: true, ct);
            return new(reader, ExportLayout.Resolve(reader.Headers, columns), words);
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    public async IAsyncEnumerable<ExportRow> RowsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        while (await NextAsync(_reader, header: false, ct)) yield return Row(_reader, Layout, _words);
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    /// <summary>The next record (or the header); malformed input is 400 <c>invalid_csv</c> at the line where its record starts.</summary>
    private static async ValueTask<bool> NextAsync(CsvReader reader, bool header, CancellationToken ct)
    {
        try
        {
            if (!header) return await reader.ReadAsync(ct);
            await reader.ReadHeaderAsync(ct);
            return true;
        }
        catch (CsvFormatException e)
        {
            throw ExportLayout.Invalid(e.LineNumber > 0 ? e.LineNumber : reader.LineNumber + 1, e.Message.TrimEnd('.'));
        }
    }

    private static ExportRow Row(CsvReader reader, ExportLayout layout, IReadOnlyDictionary<string, ConversionStatus>? words)
    {
        var line = reader.LineNumber;
        var key = reader.GetString(layout.Key).Trim();
        if (key.Length == 0) throw ExportLayout.Invalid(line, $"the {layout.KeyName} is empty");
        if (key.Length > 256) throw ExportLayout.Invalid(line, $"the {layout.KeyName} is longer than 256 characters");
        var amountText = Text(reader, layout.Amount);
        if (!Amounts.TryParse(amountText, out var amount))
            throw ExportLayout.Invalid(line, $"amount '{amountText}' is not an amount (digits and a dot, at most 4 decimals, 0 to 1e9)");
        var currencyText = Text(reader, layout.Currency);
        string? currency = null;
        if (currencyText is not null && !Currencies.TryNormalize(currencyText, out currency!))
            throw ExportLayout.Invalid(line, $"currency '{currencyText}' is not an ISO 4217 code");
        var word = Text(reader, layout.Status);
        ConversionStatus? status = null;
        if (word is not null)
        {
            if (!StatusWords.TryResolve(word, words, out var s))
                throw ExportLayout.Invalid(line, $"status '{word}' is not one of: {string.Join(", ", StatusWords.Accepted(words))}");
            status = s;
        }
        return new(line, key, Text(reader, layout.Goal), amount, currency, word, status, Time(reader, layout, line));
    }

    private static DateTime? Time(CsvReader reader, ExportLayout layout, long line)
    {
        var text = Text(reader, layout.Time);
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) && unix < 100_000_000_000_000)
            return (unix >= 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(unix) : DateTimeOffset.FromUnixTimeSeconds(unix)).UtcDateTime;
        const DateTimeStyles styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, styles, out var time) ? time
            : throw ExportLayout.Invalid(line, $"time '{text}' is not a date-time (2026-01-31T12:00:00Z, 2026-01-31 12:00:00 or Unix seconds)");
    }

    /// <summary>The trimmed value of a mapped column; null for a column the export does not have and for an empty field.</summary>
    private static string? Text(CsvReader reader, int index)
    {
        if (index < 0) return null;
        var value = reader.GetString(index).Trim();
        return value.Length == 0 ? null : value;
    }
}
