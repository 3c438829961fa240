using System.Globalization;
using System.Text.Json;
using Tracking.Domain.Catalog;

namespace Tracking.Api.Features.Common;

/// <summary>Parses the filter values of list and report queries; a bad value is a 400 with a reason, never a 500.</summary>
public static class QueryValues
{
    public const string InvalidDate = "invalid_date";

    /// <summary>Parses a snake_case enum word as the API writes it (<c>postback_only</c>).</summary>
    public static T? Enum<T>(string? text, string reason) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        foreach (var value in System.Enum.GetValues<T>())
            if (string.Equals(Name(value), text.Trim(), StringComparison.OrdinalIgnoreCase)) return value;
        var allowed = string.Join(", ", System.Enum.GetValues<T>().Select(Name));
        throw new DomainException(reason, $"'{text}' is not one of {allowed}.");
    }

    public static string Name<T>(T value) where T : struct, Enum => Infrastructure.Persistence.SnakeCaseEnumConverter<T>.Name(value);

    /// <summary>
    /// An ISO 8601 date or date-time as a UTC instant. A date alone is midnight in <paramref name="zone"/>, or, as an upper bound,
    /// the next midnight, so that <c>to=2026-01-31</c> includes that whole day. A date-time without offset is read in the zone.
    /// </summary>
    public static DateTime? Instant(string? text, string name, TimeZoneInfo zone, bool upperBound)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var local = (upperBound ? date.AddDays(1) : date).ToDateTime(TimeOnly.MinValue);
            return Local(local, zone);
        }
        var styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, styles, out var parsed) || !text.Contains('T'))
            throw new DomainException(InvalidDate, $"{name} must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T12:00:00Z).");
        return parsed.Kind switch
        {
            DateTimeKind.Utc => parsed,
            DateTimeKind.Local => parsed.ToUniversalTime(),
            _ => Local(parsed, zone),
        };
    }

    public static (DateTime? From, DateTime? To) Range(string? from, string? to, TimeZoneInfo zone)
    {
        var (f, t) = (Instant(from, "from", zone, false), Instant(to, "to", zone, true));
        if (f is not null && t is not null && f >= t) throw new DomainException(InvalidDate, "from must be before to.");
        return (f, t);
    }

    private static DateTime Local(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A local midnight skipped by a DST jump does not exist; the first instant after the gap stands for it.
        while (zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddMinutes(15);
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }
}
