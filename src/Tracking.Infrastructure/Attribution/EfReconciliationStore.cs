using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Reconciliation;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Attribution;

internal sealed class EfReconciliationStore(TrackingDbContext db, WriteGate gate) : IReconciliationStore
{
    private static readonly TimeSpan CookielessWindow = TimeSpan.FromHours(1);

    public async Task<IReadOnlyList<Conversion>> FindDueAsync(DateTime now, int limit, CancellationToken ct) =>
        await db.Conversions.Where(c => c.ReconcileDueAt != null && c.ReconcileDueAt <= now)
            .OrderBy(c => c.ReconcileDueAt).Take(limit).ToListAsync(ct);

    public async Task<Evidence> GatherAsync(Conversion c, CancellationToken ct)
    {
        var missing = c.HasPixel ? Method.Postback : Method.Pixel;
        var seenAt = (c.HasPixel ? c.PixelAt : c.PostbackAt)!.Value;
        var sameClick = c.ClickId is null ? [] : await Traces(db.Hits.WithClickId(c.ClickId).Where(h => h.Method == missing), ct);
        var cookieless = missing != Method.Pixel ? [] : await Traces(db.Hits.Where(h => h.OfferId == c.OfferId && h.Method == Method.Pixel
            && h.ClickId == null && h.ReceivedAt >= seenAt - CookielessWindow && h.ReceivedAt <= seenAt + CookielessWindow), ct);
        var since = c.ClickedAt ?? seenAt;
        var offerHits = await db.Hits.CountAsync(h => h.OfferId == c.OfferId && h.Method == missing && h.ReceivedAt >= since, ct);
        return new Evidence(sameClick, cookieless, offerHits);
    }

    public async Task SaveAsync(CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(ct);
        try
        {
            await PreparedSave.SaveAsync(db, ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static async Task<IReadOnlyList<HitTrace>> Traces(IQueryable<Domain.Hits.Hit> hits, CancellationToken ct) =>
        await hits.OrderBy(h => h.Id).Take(20)
            .Select(h => new HitTrace(h.Method, h.ReceivedAt, h.Outcome, h.Goal, h.ClickId, h.OrderId, h.EventId, h.ConversionId))
            .ToListAsync(ct);
}
