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
            default:
                var rows = await q.GroupBy(h => new { h.ReceivedAt.Date, h.ReceivedAt.Hour, Quarter = h.ReceivedAt.Minute / 15, h.Outcome })
                    .Select(g => new { g.Key.Date, g.Key.Hour, g.Key.Quarter, g.Key.Outcome, N = g.Count() }).ToListAsync(ct);
                return rows.Select(r => ((object?)new QuarterHour(r.Date, r.Hour, r.Quarter).LocalDay(zone), r.Outcome, r.N));
        }
    }
}
