using System.Globalization;
using CsvHelper;

namespace Tracking.Api.Http;

/// <summary>
/// How the product writes CSV (with CsvHelper): RFC 4180, comma separated, CRLF, invariant numbers, and text that a
/// spreadsheet would run as a formula (<c>= + - @</c>, tab, CR at its start) written with a leading <c>'</c>.
/// </summary>
public static class CsvFiles
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>A value of unknown type: numbers as numbers (never escaped), dates as ISO 8601, anything else as text.</summary>
    public static void WriteValue(CsvWriter csv, object? value)
    {
        switch (value)
        {
            case null: csv.WriteField(""); break;
            case int i: csv.WriteField(i, default); break;
            case long l: csv.WriteField(l, default); break;
            case decimal d: WriteAmount(csv, d); break;
            case DateTime t: csv.WriteField(t, "yyyy-MM-ddTHH:mm:ss.fffZ"); break;
            case IFormattable f: csv.WriteField(f.ToString(null, CultureInfo.InvariantCulture)); break;
            default: csv.WriteField(value.ToString()); break;
        }
    }

    /// <summary>An amount as the API writes it: invariant, at most 4 decimals, no trailing zeros.</summary>
    public static void WriteAmount(CsvWriter csv, decimal? amount)
    {
        if (amount is { } a) csv.WriteField(a, "0.####");
        else csv.WriteField("");
    }
}
