using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Attribution;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Attribution;

internal sealed class EfAttributionStore(TrackingDbContext db, WriteGate gate) : IAttributionStore
{
    public async Task InTransactionAsync(Func<Task> work, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await work();
            await tx.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public async Task<IReadOnlyList<Hit>> FindHitsAsync(IReadOnlyList<string> ids, CancellationToken ct) =>
        await db.Hits.Where(h => ids.Contains(h.Id)).ToListAsync(ct);

    public Task<Click?> FindClickAsync(string clickId, CancellationToken ct) =>
        db.Clicks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clickId, ct);

    public Task<Conversion?> FindByKeyAsync(int offerId, string goal, string dedupKey, CancellationToken ct) =>
        db.Conversions.FirstOrDefaultAsync(c => c.OfferId == offerId && c.Goal == goal && c.DedupKey == dedupKey, ct);

    public Task<Conversion?> FindByIdsAsync(int offerId, string goal, string? orderId, string? eventId, Method missing, CancellationToken ct)
    {
        var query = db.Conversions.Where(c => c.OfferId == offerId && c.Goal == goal
            && ((orderId != null && c.OrderId == orderId) || (eventId != null && c.EventId == eventId)));
        query = missing == Method.Pixel ? query.Where(c => c.PixelHitId == null) : query.Where(c => c.PostbackHitId == null);
        return query.OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<Conversion>> FindKeylessAsync(string clickId, string goal, Method missing, CancellationToken ct)
    {
        var query = db.Conversions.Where(c => c.ClickId == clickId && c.Goal == goal && c.KeyKind == KeyKind.None);
        query = missing == Method.Pixel ? query.Where(c => c.PixelHitId == null) : query.Where(c => c.PostbackHitId == null);
        return await query.OrderBy(c => c.Id).Take(100).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Hit>> FindParkedPixelsAsync(int offerId, string goal, string? orderId, string? eventId, CancellationToken ct) =>
        await db.Hits.Where(h => h.OfferId == offerId && h.Goal == goal && h.Method == Method.Pixel && h.Outcome == Reasons.NoClickId
                && ((orderId != null && h.OrderId == orderId) || (eventId != null && h.EventId == eventId)))
            .OrderBy(h => h.Id).Take(10).ToListAsync(ct);

    public void Add(Conversion conversion) => db.Conversions.Add(conversion);

    public Task SaveAsync(CancellationToken ct) => db.SaveOrConflictAsync(ct);
}
