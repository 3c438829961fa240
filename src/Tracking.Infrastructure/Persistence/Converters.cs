using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Tracking.Infrastructure.Persistence;

/// <summary>Stores enums as the snake_case words the API shows (<c>postback_only</c>), so SQL reads like the wire.</summary>
public sealed class SnakeCaseEnumConverter<T>() : ValueConverter<T, string>(v => Names[v], v => Values[v]) where T : struct, Enum
{
    private static readonly Dictionary<T, string> Names = Enum.GetValues<T>().ToDictionary(v => v, v => Name(v));
    private static readonly Dictionary<string, T> Values = Names.ToDictionary(p => p.Value, p => p.Key);

    public static string Name(T value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

/// <summary>Every DateTime is UTC; providers that drop the kind get it back on read.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

/// <summary>An advertiser's status words as a JSON object; an empty or missing text is no words (rows from before the column).</summary>
public sealed class StatusWordsConverter() : ValueConverter<Dictionary<string, string>, string>(v => Write(v), v => Read(v))
{
    public static readonly ValueComparer<Dictionary<string, string>> Comparer = new(
        (a, b) => Write(a!) == Write(b!), v => Write(v).GetHashCode(StringComparison.Ordinal), v => Read(Write(v)));

    public static string Write(Dictionary<string, string> words) => JsonSerializer.Serialize(new SortedDictionary<string, string>(words, StringComparer.Ordinal));

    public static Dictionary<string, string> Read(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}

/// <summary>A short list of strings as a JSON array (an advertiser's allowed IP ranges); an empty or missing text is no entries.</summary>
public sealed class StringListConverter() : ValueConverter<List<string>, string>(v => Write(v), v => Read(v))
{
    public static readonly ValueComparer<List<string>> Comparer = new(
        (a, b) => Write(a!) == Write(b!), v => Write(v).GetHashCode(StringComparison.Ordinal), v => Read(Write(v)));

    public static string Write(List<string> items) => JsonSerializer.Serialize(items);

    public static List<string> Read(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
