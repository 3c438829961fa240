using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Hits;

namespace Tracking.Api.Features.Reports;

/// <summary>Counts the hits of each group by outcome, in SQL.</summary>
internal static class HitReasons
{
    public static async Task<IEnumerable<(object? Group, string? Reason, int Count)>> CountAsync(
        IQueryable<Hit> q, ReportGroupBy by, TimeZoneInfo zone, CancellationToken ct)
    {
        switch (by)
        {
            case ReportGroupBy.Offer:
                return (await q.GroupBy(h => new { h.OfferId, h.Outcome }).Select(g => new { g.Key.OfferId, g.Key.Outcome, N = g.Count() })
                    .ToListAsync(ct)).Select(r => ((object?)r.OfferId, r.Outcome, r.N));
            case ReportGroupBy.Affiliate:
                return (await q.GroupBy(h => new { h.AffiliateId, h.Outcome }).Select(g => new { g.Key.AffiliateId, g.Key.Outcome, N = g.Count() })
                    .ToListAsync(ct)).Select(r => ((object?)r.AffiliateId, r.Outcome, r.N));
            case ReportGroupBy.Goal:
                return (await q.GroupBy(h => new { h.Goal, h.Outcome }).Select(g => new { g.Key.Goal, g.Key.Outcome, N = g.Count() })
                    .ToListAsync(ct)).Select(r => ((object?)r.Goal, r.Outcome, r.N));
            case ReportGroupBy.Adv1 or ReportGroupBy.Adv2 or ReportGroupBy.Adv3 or ReportGroupBy.Adv4 or ReportGroupBy.Adv5:
                return await ByAdvAsync(q, by, ct);
            default:
                var rows = await q.GroupBy(h => new { h.ReceivedAt.Date, h.ReceivedAt.Hour, Quarter = h.ReceivedAt.Minute / 15, h.Outcome })
                    .Select(g => new { g.Key.Date, g.Key.Hour, g.Key.Quarter, g.Key.Outcome, N = g.Count() }).ToListAsync(ct);
                return rows.Select(r => ((object?)new QuarterHour(r.Date, r.Hour, r.Quarter).LocalDay(zone), r.Outcome, r.N));
        }
    }

    /// <summary>Issue 11.6: the hits of each value of one adv field, by outcome.</summary>
    private static async Task<IEnumerable<(object? Group, string? Reason, int Count)>> ByAdvAsync(IQueryable<Hit> q, ReportGroupBy by, CancellationToken ct)
    {
        var keyed = by switch
        {
            ReportGroupBy.Adv1 => q.Select(h => new { Key = h.Adv1, h.Outcome }),
            ReportGroupBy.Adv2 => q.Select(h => new { Key = h.Adv2, h.Outcome }),
            ReportGroupBy.Adv3 => q.Select(h => new { Key = h.Adv3, h.Outcome }),
            ReportGroupBy.Adv4 => q.Select(h => new { Key = h.Adv4, h.Outcome }),
            _ => q.Select(h => new { Key = h.Adv5, h.Outcome }),
        };
        return (await keyed.GroupBy(h => new { h.Key, h.Outcome }).Select(g => new { g.Key.Key, g.Key.Outcome, N = g.Count() }).ToListAsync(ct))
            .Select(r => ((object?)r.Key, r.Outcome, r.N));
    }
}
