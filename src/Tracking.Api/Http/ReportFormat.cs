using Microsoft.Net.Http.Headers;
using Tracking.Domain.Catalog;

namespace Tracking.Api.Http;

/// <summary>JSON or CSV for a report: JSON unless the client asks for CSV with <c>format=csv</c> or prefers <c>text/csv</c>.</summary>
public enum ReportFormat
{
    Json,
    Csv,
}

public static class ReportNegotiation
{
    public const string Csv = "text/csv";
    public const string Json = "application/json";

    /// <summary>
    /// <c>format</c> (<c>json</c> or <c>csv</c>) wins over <c>Accept</c>. Without it, each type takes the quality of the most
    /// specific range that covers it (<c>text/csv</c>, then <c>text/*</c>, then <c>*/*</c>, as RFC 9110 12.5.1 says); CSV
    /// only when its quality is higher than JSON's, so no header, <c>*/*</c> and ties answer JSON. Neither acceptable: 406.
    /// </summary>
    public static ReportFormat Choose(HttpRequest request, string? format)
    {
        if (!string.IsNullOrWhiteSpace(format))
        {
            return format.Trim().ToLowerInvariant() switch
            {
                "csv" => ReportFormat.Csv,
                "json" => ReportFormat.Json,
                _ => throw new DomainException("invalid_format", $"format '{format}' is not one of json, csv."),
            };
        }
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return ReportFormat.Json;
        var (csv, json) = (Quality(accept, "text", "csv"), Quality(accept, "application", "json"));
        if (csv <= 0 && json <= 0)
            throw new DomainException(Problems.NotAcceptable, $"This report is {Json} or {Csv}; the Accept header allows neither (or use format=csv).");
        return csv > json ? ReportFormat.Csv : ReportFormat.Json;
    }

    private static double Quality(IList<MediaTypeHeaderValue> accept, string type, string subtype)
    {
        var (best, specificity) = (0d, -1);
        foreach (var range in accept)
        {
            var (t, s) = (range.Type.Value ?? "", range.SubType.Value ?? "");
            var rank = Is(t, type) && Is(s, subtype) ? 2 : Is(t, type) && s == "*" ? 1 : t == "*" && s == "*" ? 0 : -1;
            if (rank > specificity) (best, specificity) = (range.Quality ?? 1, rank);
        }
        return best;
    }

    private static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
}
