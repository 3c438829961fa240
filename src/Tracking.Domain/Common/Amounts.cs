using System.Globalization;

namespace Tracking.Domain.Common;

public static class Amounts
{
    public const decimal Max = 1_000_000_000m;

    /// <summary>Parses an amount as sent on a URL: invariant digits, a dot, at most 4 decimals, 0 to 1e9.</summary>
    public static bool TryParse(string? text, out decimal? amount)
    {
        amount = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (text.Length > 24 || !decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return false;
        if (value < 0 || value > Max || value.Scale > 4 && decimal.Round(value, 4) != value) return false;
        amount = value;
        return true;
    }

    /// <summary>SPEC 4.4: amounts that differ by more than 1% of the larger one disagree; two absent amounts agree.</summary>
    public static bool Agree(decimal? a, decimal? b)
    {
        if (a is null || b is null) return a is null && b is null;
        var larger = Math.Max(Math.Abs(a.Value), Math.Abs(b.Value));
        return larger == 0 || Math.Abs(a.Value - b.Value) <= larger * 0.01m;
    }
}
