using System.ComponentModel.DataAnnotations;

namespace Tracking.Infrastructure.Retention;

/// <summary>
/// <c>Tracking:Retention</c> (issue 12.8): how long hits are kept. Conversions are kept for ever, and so are the hits
/// that make one up or that a pending reconciliation still reads (see <see cref="HitPruner"/>).
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>Hits received longer ago than this are pruned; <c>00:00:00</c> keeps every hit.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan HitsFor { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often a worker prunes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "7.00:00:00")]
    public TimeSpan Every { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Hits deleted in one transaction: short, so the ingress log never waits long for the writer.</summary>
    [Range(1, 50_000)]
    public int BatchSize { get; set; } = 2_000;

    /// <summary>Most hits one run deletes; the next run goes on.</summary>
    [Range(1, 10_000_000)]
    public int MaxPerRun { get; set; } = 100_000;
}
