using Tracking.Api.Http;

namespace Tracking.Api.Dashboard;

/// <summary>How pages write values: enums in the API's snake_case words, times in UTC with seconds.</summary>
public static class Display
{
    public static string Snake<T>(T value) where T : struct, Enum => QueryValues.Name(value);

    public static string Snake<T>(T? value) where T : struct, Enum => value is { } v ? QueryValues.Name(v) : "";

    /// <summary>An amount as the API writes it: invariant, without trailing zeros.</summary>
    public static string Amount(decimal? amount) => amount?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public static string Time(DateTime? at) => at?.ToString("yyyy-MM-dd HH:mm:ss") ?? "";

    /// <summary>A window of a rate limit: "second", "10 s", "minute", "hour".</summary>
    public static string Seconds(double seconds) => seconds switch
    {
        1 => "second",
        60 => "minute",
        3600 => "hour",
        _ => seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s",
    };
}
