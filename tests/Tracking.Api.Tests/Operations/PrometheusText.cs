using System.Globalization;
using System.Text.RegularExpressions;

namespace Tracking.Api.Tests.Operations;

/// <summary>Reads series out of a Prometheus text exposition: <c>name{label="value",...} number</c>.</summary>
public static partial class PrometheusText
{
    /// <summary>The sum of the series named <paramref name="name"/> whose labels include <paramref name="labels"/>; null when none.</summary>
    public static double? Value(string text, string name, params (string Key, string Value)[] labels)
    {
        double? sum = null;
        foreach (Match line in Series().Matches(text))
        {
            if (line.Groups["name"].Value != name) continue;
            var found = Label().Matches(line.Groups["labels"].Value).ToDictionary(l => l.Groups["key"].Value, l => l.Groups["value"].Value);
            if (labels.All(l => found.GetValueOrDefault(l.Key) == l.Value))
                sum = (sum ?? 0) + double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return sum;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Series();

    [GeneratedRegex("(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Label();
}
