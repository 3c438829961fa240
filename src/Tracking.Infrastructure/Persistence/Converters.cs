using System.Text.Json;
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
