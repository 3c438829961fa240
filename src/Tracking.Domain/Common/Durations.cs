namespace Tracking.Domain.Common;

public static class Durations
{
    /// <summary>"3 s", "12 min", "5 h", "2 days": the shape explanations use.</summary>
    public static string Describe(TimeSpan span)
    {
        var d = span.Duration();
        return d.TotalSeconds < 90 ? $"{Math.Round(d.TotalSeconds)} s"
            : d.TotalMinutes < 90 ? $"{Math.Round(d.TotalMinutes)} min"
            : d.TotalHours < 48 ? $"{Math.Round(d.TotalHours)} h"
            : $"{Math.Round(d.TotalDays)} days";
    }
}
