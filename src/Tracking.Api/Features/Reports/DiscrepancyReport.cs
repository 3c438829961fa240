using System.Linq.Expressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Domain.Catalog;
using Tracking.Domain.Conversions;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Persistence;
using Tracking.Infrastructure.Reporting;

namespace Tracking.Api.Features.Reports;

/// <summary>
/// SPEC 7: per day, offer, affiliate, goal or adv field (issue 11.6), what both methods saw, what only one saw, and the hits' outcomes; optionally of
/// one offer, affiliate or goal. An advertiser's key counts its offers only; an affiliate's key may not read it.
/// </summary>
public sealed record DiscrepancyReport(string? From, string? To, string? GroupBy, string? Tz, int? OfferId = null, int? AffiliateId = null,
    string? Goal = null, bool IncludeTests = false) : IQuery<IReadOnlyList<DiscrepancyRow>>;

/// <summary>
/// Counts are grouped in SQL. Days are grouped by UTC quarter hour there (every zone's offset is a multiple of 15 minutes, and
/// SQLite knows no zones), and the quarters are folded into local days here.
/// </summary>
public sealed class DiscrepancyReportHandler(TrackingDbContext db, TimeProvider time, Caller caller) : IQueryHandler<DiscrepancyReport, IReadOnlyList<DiscrepancyRow>>
{
    public const string Undecided = "undecided";

    public async ValueTask<IReadOnlyList<DiscrepancyRow>> Handle(DiscrepancyReport query, CancellationToken ct)
    {
        caller.Require(Scope.AdvertiserSide);
        var by = QueryValues.Enum<ReportGroupBy>(query.GroupBy, "invalid_group_by", "group_by") ?? ReportGroupBy.Day;
        var zone = Zone(query.Tz);
        var (from, to) = QueryValues.Range(query.From, query.To, zone);
        from ??= time.GetUtcNow().UtcDateTime.AddDays(-30);
        var (conversions, hits) = Scoped(query);
        var undecided = Scoped(query, undecidedHits: true).Hits;
        var groups = new ReportGroups();
        Task LiveAsync(DateTime start, DateTime? end, bool undecidedOnly = false) =>
            CountLiveAsync(groups, conversions, undecidedOnly ? undecided : hits, (by, zone), (start, end), undecidedOnly, ct);

        // Whole quarter hours come from the rollups (decision 0014); the parts of a quarter at either end are counted live.
        var (first, last) = (Quarters.Ceiling(from.Value), to is { } t ? Quarters.Of(t) : (long?)null);
        // The rollups hold no advertiser fields: grouped by one, the whole range is counted from the rows.
        if (last is { } l && l <= first || by >= ReportGroupBy.Adv1) await LiveAsync(from.Value, to);
        else
        {
            if (Quarters.Start(first) > from) await LiveAsync(from.Value, Quarters.Start(first));
            if (last is { } end && Quarters.Start(end) < to) await LiveAsync(Quarters.Start(end), to);
            var rollups = new RollupCounts(db, caller, query, zone, time.GetUtcNow().UtcDateTime);
            groups.AddConversions(await rollups.ConversionsAsync(by, first, last, ct));
            groups.AddHits(await rollups.HitsAsync(by, first, last, ct));
            await LiveAsync(Quarters.Start(first), last is { } e ? Quarters.Start(e) : null, undecidedOnly: true);
        }
        return groups.Rows();
    }

    /// <summary>Counts a time window from the rows themselves; with <paramref name="undecidedOnly"/>, only the hits given (the undecided ones).</summary>
    private static async Task CountLiveAsync(ReportGroups groups, IQueryable<Conversion> conversions, IQueryable<Hit> hits,
        (ReportGroupBy By, TimeZoneInfo Zone) grouping, (DateTime Start, DateTime? End) window, bool undecidedOnly, CancellationToken ct)
    {
        var start = window.Start;
        (conversions, hits) = (conversions.Where(c => c.CreatedAt >= start), hits.Where(h => h.ReceivedAt >= start));
        if (window.End is { } end) (conversions, hits) = (conversions.Where(c => c.CreatedAt < end), hits.Where(h => h.ReceivedAt < end));
        // Undecided hits are few and in the partial index ix_hits_undecided; the rollups hold only decided ones.
        if (!undecidedOnly)
        {
            groups.AddConversions(await CountAsync(conversions, grouping.By, grouping.Zone, ct));
            groups.AddMoney(await MoneyAsync(conversions, grouping.By, grouping.Zone, ct));
        }
        groups.AddHits(await HitReasons.CountAsync(hits, grouping.By, grouping.Zone, ct));
    }


    /// <summary>
    /// The caller's rows under the report's filters. With <paramref name="undecidedHits"/>, the undecided hits only, read through
    /// the small partial index <c>ix_hits_undecided</c>: <c>offer_id + 0</c> keeps SQLite off the offer's index, which would
    /// read every hit of the offer to find the few undecided ones.
    /// </summary>
    private (IQueryable<Conversion> Conversions, IQueryable<Hit> Hits) Scoped(DiscrepancyReport query, bool undecidedHits = false)
    {
        var conversions = db.Conversions.AsNoTracking().VisibleTo(caller, db.Offers);
        var hits = db.Hits.AsNoTracking().VisibleTo(caller, db.Offers);
        if (undecidedHits) hits = hits.Where(h => h.DecidedAt == null);
        // Test conversions (the console's "send a test conversion") stay out of reports unless asked for.
        if (!query.IncludeTests) (conversions, hits) = (conversions.Where(c => !c.IsTest), hits.Where(h => !h.IsTest));
        if (query.OfferId is { } offer)
            (conversions, hits) = (conversions.Where(c => c.OfferId == offer), undecidedHits ? hits.Where(h => h.OfferId + 0 == offer) : hits.Where(h => h.OfferId == offer));
        if (query.AffiliateId is { } affiliate)
            (conversions, hits) = (conversions.Where(c => c.AffiliateId == affiliate), hits.Where(h => h.AffiliateId == affiliate));
        if (!string.IsNullOrWhiteSpace(query.Goal))
        {
            var goal = query.Goal.Trim().ToLowerInvariant();
            (conversions, hits) = (conversions.Where(c => c.Goal == goal), hits.Where(h => h.Goal == goal));
        }
        return (conversions, hits);
    }

    private static TimeZoneInfo Zone(string? tz) =>
        string.IsNullOrWhiteSpace(tz) ? TimeZoneInfo.Utc
        : TimeZoneInfo.TryFindSystemTimeZoneById(tz.Trim(), out var zone) ? zone
        : throw new DomainException("invalid_tz", $"tz '{tz}' is not an IANA time zone name (e.g. Europe/Berlin).");

    private static async Task<IEnumerable<(object? Group, ConversionCounts<object?> Counts)>> CountAsync(
        IQueryable<Conversion> q, ReportGroupBy by, TimeZoneInfo zone, CancellationToken ct) => by switch
        {
            ReportGroupBy.Offer => Labelled(await Count(q, c => c.OfferId, ct), k => k),
            ReportGroupBy.Affiliate => Labelled(await Count(q, c => c.AffiliateId, ct), k => k),
            ReportGroupBy.Goal => Labelled(await Count(q, c => c.Goal, ct), k => k),
            ReportGroupBy.Adv1 => Labelled(await Count(q, c => c.Adv1, ct), k => k),
            ReportGroupBy.Adv2 => Labelled(await Count(q, c => c.Adv2, ct), k => k),
            ReportGroupBy.Adv3 => Labelled(await Count(q, c => c.Adv3, ct), k => k),
            ReportGroupBy.Adv4 => Labelled(await Count(q, c => c.Adv4, ct), k => k),
            ReportGroupBy.Adv5 => Labelled(await Count(q, c => c.Adv5, ct), k => k),
            _ => Labelled(await Count(q, c => new { c.CreatedAt.Date, c.CreatedAt.Hour, Quarter = c.CreatedAt.Minute / 15 }, ct),
                k => new QuarterHour(k.Date, k.Hour, k.Quarter).LocalDay(zone)),
        };

    /// <summary>
    /// The money of the window's approved and pending conversions, per group and currency. Summed here, not in SQL (SQLite stores
    /// decimals as text): the windows counted from the rows are the ends of a range, short, except when grouped by an
    /// advertiser field.
    /// </summary>
    private static async Task<IEnumerable<(object? Group, Money Money)>> MoneyAsync(
        IQueryable<Conversion> q, ReportGroupBy by, TimeZoneInfo zone, CancellationToken ct)
    {
        var rows = await q.Where(c => c.Status != ConversionStatus.Rejected)
            .Select(c => new { c.OfferId, c.AffiliateId, c.Goal, c.CreatedAt, c.Currency, c.Status, c.Revenue, c.Payout, c.Adv1, c.Adv2, c.Adv3, c.Adv4, c.Adv5 })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            object? group = by switch
            {
                ReportGroupBy.Offer => r.OfferId,
                ReportGroupBy.Affiliate => r.AffiliateId,
                ReportGroupBy.Goal => r.Goal,
                ReportGroupBy.Adv1 => r.Adv1,
                ReportGroupBy.Adv2 => r.Adv2,
                ReportGroupBy.Adv3 => r.Adv3,
                ReportGroupBy.Adv4 => r.Adv4,
                ReportGroupBy.Adv5 => r.Adv5,
                _ => QuarterHour.LocalDay(r.CreatedAt, zone),
            };
            var currency = string.IsNullOrEmpty(r.Currency) ? Money.NoCurrency : r.Currency;
            return (group, r.Status == ConversionStatus.Approved
                ? new Money(currency, r.Revenue, r.Payout, 0, 0) : new Money(currency, 0, 0, r.Revenue, r.Payout));
        });
    }

    internal static IEnumerable<(object? Group, ConversionCounts<object?> Counts)> Labelled<TKey>(
        List<ConversionCounts<TKey>> rows, Func<TKey, object?> label) =>
        rows.Select(r => (label(r.Key), new ConversionCounts<object?>(null, r.Conversions, r.Both, r.PixelOnly, r.PostbackOnly,
            r.Awaiting, r.AmountMismatch, r.CurrencyMismatch, r.Money)));

    private static Task<List<ConversionCounts<TKey>>> Count<TKey>(IQueryable<Conversion> q, Expression<Func<Conversion, TKey>> key, CancellationToken ct) =>
        q.GroupBy(key).Select(g => new ConversionCounts<TKey>(
            g.Key,
            g.Count(),
            g.Count(c => c.PixelHitId != null && c.PostbackHitId != null),
            g.Count(c => c.Discrepancy == Discrepancy.PixelOnly),
            g.Count(c => c.Discrepancy == Discrepancy.PostbackOnly),
            g.Count(c => c.ReconcileDueAt != null),
            g.Count(c => c.Discrepancy == Discrepancy.AmountMismatch),
            g.Count(c => c.Discrepancy == Discrepancy.CurrencyMismatch))).ToListAsync(ct);
}

/// <summary>A UTC quarter hour, the finest bucket SQL groups days by.</summary>
public sealed record QuarterHour(DateTime Date, int Hour, int Quarter)
{
    public string LocalDay(TimeZoneInfo zone) =>
        LocalDay(DateTime.SpecifyKind(Date.Date, DateTimeKind.Utc).AddHours(Hour).AddMinutes(Quarter * 15), zone);

    public static string LocalDay(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
