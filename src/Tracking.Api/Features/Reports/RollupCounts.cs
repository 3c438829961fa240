using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Infrastructure.Persistence;
using Tracking.Infrastructure.Reporting;

namespace Tracking.Api.Features.Reports;

/// <summary>
/// The report's whole quarter hours, read from the rollup tables the database's triggers keep (decision 0014): the unfiltered
/// report by day from the per-quarter totals, everything else from the per-offer/affiliate/goal rows, per UTC day where whole
/// days allow (issue 13) and per quarter hour at the ends. Decided hits only; the undecided ones are counted live from their
/// partial index.
/// </summary>
internal sealed class RollupCounts(TrackingDbContext db, Caller caller, DiscrepancyReport query, TimeZoneInfo zone, DateTime now)
{
    private readonly string? _goal = string.IsNullOrWhiteSpace(query.Goal) ? null : query.Goal.Trim().ToLowerInvariant();

    private bool Unfiltered => caller.SeesAll() && query.OfferId is null && query.AffiliateId is null && _goal is null;

    public async Task<IEnumerable<(object? Group, ConversionCounts<object?> Counts)>> ConversionsAsync(
        ReportGroupBy by, long first, long? end, CancellationToken ct)
    {
        var counts = new List<(object? Group, ConversionCounts<object?> Counts)>();
        if (by == ReportGroupBy.Day)
        {
            foreach (var (from, to, offset) in DaySegments(first, end))
            {
                if (Unfiltered)
                    counts.AddRange(DiscrepancyReportHandler.Labelled(
                        await Sum(InRange(db.ConversionQuarterTotals.AsNoTracking(), from, to), r => (r.Quarter + offset) / QuartersPerDay, ct), Day));
                else
                    foreach (var (start, stop, days) in Pieces(from, to, offset))
                        counts.AddRange(DiscrepancyReportHandler.Labelled(days
                            ? await Sum(Filtered(InRange(db.ConversionDays.AsNoTracking(), start, stop)), r => (r.Quarter + offset) / QuartersPerDay, ct)
                            : await Sum(Filtered(InRange(db.ConversionQuarters.AsNoTracking(), start, stop)), r => (r.Quarter + offset) / QuartersPerDay, ct), Day));
            }
            return counts;
        }
        foreach (var (start, stop, days) in Pieces(first, end, offset: 0))
            counts.AddRange(days
                ? await ConversionsByAsync(Filtered(InRange(db.ConversionDays.AsNoTracking(), start, stop)), by, ct)
                : await ConversionsByAsync(Filtered(InRange(db.ConversionQuarters.AsNoTracking(), start, stop)), by, ct));
        return counts;
    }

    private static async Task<IEnumerable<(object? Group, ConversionCounts<object?> Counts)>> ConversionsByAsync<TRow>(
        IQueryable<TRow> q, ReportGroupBy by, CancellationToken ct) where TRow : ConversionCountsRow => by switch
        {
            ReportGroupBy.Offer => DiscrepancyReportHandler.Labelled(await Sum(q, r => EF.Property<int>(r, "OfferId"), ct), k => Id(k)),
            ReportGroupBy.Affiliate => DiscrepancyReportHandler.Labelled(await Sum(q, r => EF.Property<int>(r, "AffiliateId"), ct), k => Id(k)),
            _ => DiscrepancyReportHandler.Labelled(await Sum(q, r => EF.Property<string>(r, "Goal"), ct), k => k.Length == 0 ? null : k),
        };

    /// <summary>
    /// A piece of the range cut further (issue 13): the whole UTC days in it come from the day rollups, the quarter hours before
    /// the first and after the last whole day from the quarter rollups. Only where local days are UTC days
    /// (<paramref name="offset"/> a whole number of days), since a day row cannot be split between two local days.
    /// </summary>
    private static IEnumerable<(long From, long? To, bool Days)> Pieces(long first, long? end, long offset)
    {
        var firstDay = (first + QuartersPerDay - 1) / QuartersPerDay * QuartersPerDay;
        var endDay = end / QuartersPerDay * QuartersPerDay;
        if (offset % QuartersPerDay != 0 || endDay <= firstDay)
        {
            yield return (first, end, false);
            yield break;
        }
        if (firstDay > first) yield return (first, firstDay, false);
        yield return (firstDay, endDay, true);
        if (endDay < end) yield return (endDay!.Value, end, false);
    }

    private const long QuartersPerDay = Quarters.PerDay;

    /// <summary>
    /// The range cut where the zone's offset changes (DST), each piece with its offset in quarter hours: within a piece, the
    /// local day of a quarter is <c>(quarter + offset) / 96</c>, which SQL groups by, so that a day is one row, not 96.
    /// </summary>
    private List<(long From, long? To, long Offset)> DaySegments(long first, long? end)
    {
        long OffsetAt(long quarter) => (long)(zone.GetUtcOffset(Quarters.Start(quarter)).TotalMinutes / 15);
        // An open range ends now (nothing is dated later); its last piece stays open.
        var stop = end ?? Quarters.Of(now) + QuartersPerDay;
        var segments = new List<(long From, long? To, long Offset)>();
        var (start, offset) = (first, OffsetAt(first));
        for (var q = first + 1; q < stop; q++)
        {
            var next = OffsetAt(q);
            if (next == offset) continue;
            segments.Add((start, q, offset));
            (start, offset) = (q, next);
        }
        segments.Add((start, end, offset));
        return segments;
    }

    private static object? Day(long localDay) =>
        DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + (int)localDay).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<IEnumerable<(object? Group, string? Reason, int Count)>> HitsAsync(ReportGroupBy by, long first, long? end, CancellationToken ct)
    {
        var counts = new List<(object? Group, string? Reason, int Count)>();
        if (by == ReportGroupBy.Day)
        {
            foreach (var (from, to, offset) in DaySegments(first, end))
            {
                if (Unfiltered)
                    counts.AddRange(await HitsByDayAsync(InRange(db.HitQuarterTotals.AsNoTracking(), from, to), offset, ct));
                else
                    foreach (var (start, stop, days) in Pieces(from, to, offset))
                        counts.AddRange(days
                            ? await HitsByDayAsync(Filtered(InRange(db.HitDays.AsNoTracking(), start, stop)), offset, ct)
                            : await HitsByDayAsync(Filtered(InRange(db.HitQuarters.AsNoTracking(), start, stop)), offset, ct));
            }
            return counts;
        }
        foreach (var (start, stop, days) in Pieces(first, end, offset: 0))
            counts.AddRange(days
                ? await HitsByAsync(Filtered(InRange(db.HitDays.AsNoTracking(), start, stop)), by, ct)
                : await HitsByAsync(Filtered(InRange(db.HitQuarters.AsNoTracking(), start, stop)), by, ct));
        return counts;
    }

    private static async Task<IEnumerable<(object? Group, string? Reason, int Count)>> HitsByDayAsync<TRow>(IQueryable<TRow> q, long offset, CancellationToken ct)
        where TRow : class =>
        (await q.GroupBy(r => new { K = (EF.Property<long>(r, "Quarter") + offset) / QuartersPerDay, Outcome = EF.Property<string>(r, "Outcome") })
            .Select(g => new { g.Key.K, g.Key.Outcome, N = g.Sum(r => EF.Property<long>(r, "Hits")) }).ToListAsync(ct))
        .Select(r => (Day(r.K), (string?)r.Outcome, (int)r.N));

    private static async Task<IEnumerable<(object? Group, string? Reason, int Count)>> HitsByAsync<TRow>(IQueryable<TRow> q, ReportGroupBy by, CancellationToken ct)
        where TRow : class => by switch
        {
            ReportGroupBy.Offer => (await q.GroupBy(r => new { K = EF.Property<int>(r, "OfferId"), Outcome = EF.Property<string>(r, "Outcome") })
                .Select(g => new { g.Key.K, g.Key.Outcome, N = g.Sum(r => EF.Property<long>(r, "Hits")) }).ToListAsync(ct))
                .Select(r => (Id(r.K), (string?)r.Outcome, (int)r.N)),
            ReportGroupBy.Affiliate => (await q.GroupBy(r => new { K = EF.Property<int>(r, "AffiliateId"), Outcome = EF.Property<string>(r, "Outcome") })
                .Select(g => new { g.Key.K, g.Key.Outcome, N = g.Sum(r => EF.Property<long>(r, "Hits")) }).ToListAsync(ct))
                .Select(r => (Id(r.K), (string?)r.Outcome, (int)r.N)),
            _ => (await q.GroupBy(r => new { K = EF.Property<string>(r, "Goal"), Outcome = EF.Property<string>(r, "Outcome") })
                .Select(g => new { g.Key.K, g.Key.Outcome, N = g.Sum(r => EF.Property<long>(r, "Hits")) }).ToListAsync(ct))
                .Select(r => ((object?)(r.K.Length == 0 ? null : r.K), (string?)r.Outcome, (int)r.N)),
        };

    private static object? Id(int id) => id == 0 ? null : id;

    private IQueryable<T> InRange<T>(IQueryable<T> q, long first, long? end) where T : class
    {
        q = q.Where(r => EF.Property<long>(r, "Quarter") >= first);
        if (end is { } last) q = q.Where(r => EF.Property<long>(r, "Quarter") < last);
        return query.IncludeTests ? q : q.Where(r => !EF.Property<bool>(r, "IsTest"));
    }

    private IQueryable<T> Filtered<T>(IQueryable<T> q) where T : class
    {
        if (caller.Role == Roles.Advertiser)
            q = q.Where(r => db.Offers.Any(o => o.Id == EF.Property<int>(r, "OfferId") && o.AdvertiserId == caller.AdvertiserId));
        else if (!caller.SeesAll()) q = q.Where(_ => false);
        if (query.OfferId is { } offer) q = q.Where(r => EF.Property<int>(r, "OfferId") == offer);
        if (query.AffiliateId is { } affiliate) q = q.Where(r => EF.Property<int>(r, "AffiliateId") == affiliate);
        if (_goal is { } goal) q = q.Where(r => EF.Property<string>(r, "Goal") == goal);
        return q;
    }

    /// <summary>Sums the rows per <paramref name="key"/> and currency; a key's currencies are separate counts with their money.</summary>
    private static async Task<List<ConversionCounts<TKey>>> Sum<TRow, TKey>(IQueryable<TRow> q, Expression<Func<TRow, TKey>> key, CancellationToken ct)
        where TRow : ConversionCountsRow
    {
        var rows = await q.GroupBy(WithCurrency(key)).Select(g => new
        {
            g.Key.Key,
            g.Key.Currency,
            Conversions = g.Sum(r => r.Conversions),
            Both = g.Sum(r => r.BothMethods),
            PixelOnly = g.Sum(r => r.PixelOnly),
            PostbackOnly = g.Sum(r => r.PostbackOnly),
            Awaiting = g.Sum(r => r.Awaiting),
            AmountMismatch = g.Sum(r => r.AmountMismatch),
            CurrencyMismatch = g.Sum(r => r.CurrencyMismatch),
            Revenue = g.Sum(r => r.RevenueE4),
            Payout = g.Sum(r => r.PayoutE4),
            PendingRevenue = g.Sum(r => r.PendingRevenueE4),
            PendingPayout = g.Sum(r => r.PendingPayoutE4),
        }).ToListAsync(ct);
        return rows.Select(r => new ConversionCounts<TKey>(r.Key, (int)r.Conversions, (int)r.Both, (int)r.PixelOnly, (int)r.PostbackOnly,
            (int)r.Awaiting, (int)r.AmountMismatch, (int)r.CurrencyMismatch,
            new Money(r.Currency.Length == 0 ? Money.NoCurrency : r.Currency, r.Revenue / ConversionCountsRow.E4, r.Payout / ConversionCountsRow.E4,
                r.PendingRevenue / ConversionCountsRow.E4, r.PendingPayout / ConversionCountsRow.E4))).ToList();
    }

    /// <summary><c>r => new Bucket&lt;TKey&gt; { Key = key(r), Currency = r.Currency }</c>, which EF groups by in SQL.</summary>
    private static Expression<Func<TRow, Bucket<TKey>>> WithCurrency<TRow, TKey>(Expression<Func<TRow, TKey>> key) where TRow : ConversionCountsRow
    {
        var row = key.Parameters[0];
        var bucket = Expression.MemberInit(Expression.New(typeof(Bucket<TKey>)),
            Expression.Bind(typeof(Bucket<TKey>).GetProperty(nameof(Bucket<TKey>.Key))!, key.Body),
            Expression.Bind(typeof(Bucket<TKey>).GetProperty(nameof(Bucket<TKey>.Currency))!, Expression.Property(row, nameof(ConversionCountsRow.Currency))));
        return Expression.Lambda<Func<TRow, Bucket<TKey>>>(bucket, row);
    }

    private sealed class Bucket<TKey>
    {
        public TKey Key { get; init; } = default!;
        public string Currency { get; init; } = "";
    }
}
