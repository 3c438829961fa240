using System.Globalization;
using System.Text.Json;
using Tracking.Domain.Catalog;

namespace Tracking.Api.Http;

/// <summary>Parses the filter values of list and report queries; a bad value is a 400 with a reason, never a 500.</summary>
public static class QueryValues
{
    public const string InvalidTime = "invalid_time";
    public const string InvalidId = "invalid_id";

    /// <summary>An integer id in a query value (<c>offer_id=12</c>); anything else is <c>invalid_{name}</c>.</summary>
    public static int? Id(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id
            : throw new DomainException($"invalid_{name}", $"{name} is a positive integer id, not '{text}'.");
    }

    /// <summary>An integer id in the path (<c>/api/offers/12</c>); anything else is <c>invalid_id</c>.</summary>
    public static int RouteId(string text, string what) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id
            : throw new DomainException(InvalidId, $"The {what} id in the path is a positive integer, not '{text}'.");

    /// <summary>Parses a snake_case enum word as the API writes it (<c>postback_only</c>); blank is absent; the detail names the parameter <paramref name="name"/>.</summary>
    public static T? Enum<T>(string? text, string reason, string name) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(text) ? null : Word<T>(text, reason, name);

    /// <summary>Parses a snake_case enum word that is present: anything but one of the words, blank included, is <paramref name="reason"/>.</summary>
    public static T Word<T>(string text, string reason, string name) where T : struct, Enum
    {
        foreach (var value in System.Enum.GetValues<T>())
            if (string.Equals(Name(value), text.Trim(), StringComparison.OrdinalIgnoreCase)) return value;
        var allowed = string.Join(", ", System.Enum.GetValues<T>().Select(Name));
        throw new DomainException(reason, $"{name} '{text}' is not one of {allowed}.");
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
            throw new DomainException(InvalidTime, $"{name} must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T12:00:00Z).");
        return parsed.Kind switch
        {
            DateTimeKind.Utc => parsed,
            DateTimeKind.Local => parsed.ToUniversalTime(),
            _ => Local(parsed, zone),
        };
    }

    /// <summary><c>true</c>/<c>false</c> (or 1/0); absent is false; anything else is <c>invalid_{name}</c>.</summary>
    public static bool Flag(string? text, string name) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" => false,
        "true" or "1" => true,
        _ => throw new DomainException($"invalid_{name}", $"{name} is true or false."),
    };

    public static (DateTime? From, DateTime? To) Range(string? from, string? to, TimeZoneInfo zone)
    {
        var (f, t) = (Instant(from, "from", zone, false), Instant(to, "to", zone, true));
        if (f is not null && t is not null && f >= t) throw new DomainException(InvalidTime, "from must be before to.");
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
