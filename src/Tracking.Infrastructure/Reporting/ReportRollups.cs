namespace Tracking.Infrastructure.Reporting;

/// <summary>
/// The report rollups (issues 10 and 13, decision 0014): counts of conversions and of decided hits per UTC quarter hour, kept
/// exact by database triggers in the same transaction as every insert, update or delete of a conversion or a hit, so that the
/// discrepancy report reads thousands of rows instead of millions. <see cref="Quarter"/> is the number of whole quarter hours
/// since 1970-01-01 UTC. Absent dimensions are stored as 0 (offer, affiliate) and "" (goal). <see cref="Shard"/> spreads the
/// rows that concurrent transactions write on a server database (the backend process id modulo 8; always 0 on SQLite), so
/// that two workers do not queue behind one hot row; readers sum over it.
/// </summary>
public abstract class ConversionCountsRow
{
    public long Quarter { get; set; }
    public bool IsTest { get; set; }
    /// <summary>The conversion's currency ("" when it has none): money is only ever summed within one currency.</summary>
    public string Currency { get; set; } = "";
    public int Shard { get; set; }
    public long Conversions { get; set; }
    public long BothMethods { get; set; }
    public long PixelOnly { get; set; }
    public long PostbackOnly { get; set; }
    public long Awaiting { get; set; }
    public long AmountMismatch { get; set; }
    public long CurrencyMismatch { get; set; }
    /// <summary>
    /// Revenue and payout of the approved conversions, and of the pending ones (rejected ones count no money), in
    /// ten-thousandths of the currency unit (the conversions' own precision): whole numbers add up exactly on every
    /// provider, where SQLite would add decimals stored as text as floating point.
    /// </summary>
    public long RevenueE4 { get; set; }
    public long PayoutE4 { get; set; }
    public long PendingRevenueE4 { get; set; }
    public long PendingPayoutE4 { get; set; }

    public const decimal E4 = 10_000m;
}

/// <summary>Conversions per quarter hour, offer, affiliate and goal: the filtered and grouped reports.</summary>
public sealed class ConversionQuarter : ConversionCountsRow
{
    public int OfferId { get; set; }
    public int AffiliateId { get; set; }
    public string Goal { get; set; } = "";
}

/// <summary>
/// Conversions per UTC day, offer, affiliate and goal (issue 13): <see cref="ConversionCountsRow.Quarter"/> is the day's first
/// quarter hour (a multiple of 96). A 30-day report grouped by offer reads these, and the quarter rows only for the part
/// of a day at either end of its range.
/// </summary>
public sealed class ConversionDay : ConversionCountsRow
{
    public int OfferId { get; set; }
    public int AffiliateId { get; set; }
    public string Goal { get; set; } = "";
}

/// <summary>Conversions per quarter hour: the unfiltered report by day, the console's start page.</summary>
public sealed class ConversionQuarterTotal : ConversionCountsRow;

/// <summary>Decided hits per bucket of time, offer, affiliate, goal and outcome.</summary>
public abstract class HitCountsRow
{
    public long Quarter { get; set; }
    public int OfferId { get; set; }
    public int AffiliateId { get; set; }
    public string Goal { get; set; } = "";
    public bool IsTest { get; set; }
    public string Outcome { get; set; } = "";
    public int Shard { get; set; }
    public long Hits { get; set; }
}

/// <summary>Decided hits per quarter hour, offer, affiliate, goal and outcome.</summary>
public sealed class HitQuarter : HitCountsRow;

/// <summary>Decided hits per UTC day (<see cref="HitCountsRow.Quarter"/> is the day's first quarter hour), offer, affiliate, goal and outcome.</summary>
public sealed class HitDay : HitCountsRow;

/// <summary>Decided hits per quarter hour and outcome.</summary>
public sealed class HitQuarterTotal
{
    public long Quarter { get; set; }
    public bool IsTest { get; set; }
    public string Outcome { get; set; } = "";
    public int Shard { get; set; }
    public long Hits { get; set; }
}

/// <summary>Quarter-hour numbers: what the triggers compute from a row's time.</summary>
public static class Quarters
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);

    /// <summary>The quarter hour an instant falls in.</summary>
    public static long Of(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / Length.Ticks;

    /// <summary>The first quarter hour that starts at or after an instant.</summary>
    public static long Ceiling(DateTime utc) => Of(utc) + (Start(Of(utc)) == utc ? 0 : 1);

    /// <summary>Quarter hours in a UTC day: the day rollups' <c>quarter</c> is a multiple of it.</summary>
    public const long PerDay = 96;

    public static DateTime Start(long quarter) => DateTime.SpecifyKind(DateTime.UnixEpoch.AddTicks(quarter * Length.Ticks), DateTimeKind.Utc);
}
