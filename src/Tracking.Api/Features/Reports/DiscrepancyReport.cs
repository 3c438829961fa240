using System.Linq.Expressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Domain.Catalog;
using Tracking.Domain.Conversions;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Persistence;

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
        (conversions, hits) = (conversions.Where(c => c.CreatedAt >= from), hits.Where(h => h.ReceivedAt >= from));
        if (to is { } end) (conversions, hits) = (conversions.Where(c => c.CreatedAt < end), hits.Where(h => h.ReceivedAt < end));

        var groups = new Dictionary<object, GroupTotals>();
        GroupTotals At(object? group) =>
            groups.TryGetValue(group ?? NoGroup, out var g) ? g : groups[group ?? NoGroup] = new GroupTotals(group);

        foreach (var (group, counts) in await CountAsync(conversions, by, zone, ct)) At(group).Add(counts);
        foreach (var (group, reason, count) in await HitReasons.CountAsync(hits, by, zone, ct)) At(group).AddReason(reason ?? Undecided, count);

        return groups.Values.OrderBy(g => g.Group is null).ThenBy(g => g.Group, Comparer<object?>.Default).Select(g => g.ToRow()).ToList();
    }

    private static readonly object NoGroup = new();

    private (IQueryable<Conversion>, IQueryable<Hit>) Scoped(DiscrepancyReport query)
    {
        var conversions = db.Conversions.AsNoTracking().VisibleTo(caller, db.Offers);
        var hits = db.Hits.AsNoTracking().VisibleTo(caller, db.Offers);
        // Test conversions (the console's "send a test conversion") stay out of reports unless asked for.
        if (!query.IncludeTests) (conversions, hits) = (conversions.Where(c => !c.IsTest), hits.Where(h => !h.IsTest));
        if (query.OfferId is { } offer) (conversions, hits) = (conversions.Where(c => c.OfferId == offer), hits.Where(h => h.OfferId == offer));
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

    private static IEnumerable<(object? Group, ConversionCounts<object?> Counts)> Labelled<TKey>(
        List<ConversionCounts<TKey>> rows, Func<TKey, object?> label) =>
        rows.Select(r => (label(r.Key), new ConversionCounts<object?>(null, r.Conversions, r.Both, r.PixelOnly, r.PostbackOnly,
            r.Awaiting, r.AmountMismatch, r.CurrencyMismatch)));

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
    public string LocalDay(TimeZoneInfo zone)
    {
        var utc = DateTime.SpecifyKind(Date.Date, DateTimeKind.Utc).AddHours(Hour).AddMinutes(Quarter * 15);
        return TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
}
