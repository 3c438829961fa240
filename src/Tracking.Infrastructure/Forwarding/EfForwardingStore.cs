using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Conversions;
using Tracking.Domain.Forwarding;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Forwarding;

/// <summary>The delivery planner's store: reads first, then one save under the write gate (<see cref="PreparedSave"/>), as the attribution store does.</summary>
internal sealed class EfForwardingStore(TrackingDbContext db, WriteGate gate) : IForwardingStore
{
    public async Task InUnitOfWorkAsync(Func<Task> work, CancellationToken ct)
    {
        try
        {
            await work();
            if (!db.ChangeTracker.HasChanges()) return;
            using var turn = await gate.EnterAsync(ct);
            await PreparedSave.SaveAsync(db, ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public async Task<int> PlanWithoutTemplatesAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        // Not a rollup column: no trigger fires, and the version stays (ForwardingPlanned does not change it either).
        using var turn = await gate.EnterAsync(ct);
        return await db.Conversions.Where(c => ids.Contains(c.Id) && c.ForwardDueAt != null
                && !db.ForwardingTemplates.Any(t => t.AffiliateId == c.AffiliateId))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ForwardDueAt, (DateTime?)null), ct);
    }

    public async Task<IReadOnlyList<Conversion>> FindDueAsync(IReadOnlyList<string> ids, CancellationToken ct) =>
        await db.Conversions.Where(c => ids.Contains(c.Id) && c.ForwardDueAt != null).ToListAsync(ct);

    public async Task<IReadOnlyList<ForwardingTemplate>> FindTemplatesAsync(IReadOnlyList<int> affiliateIds, CancellationToken ct) =>
        await db.ForwardingTemplates.AsNoTracking().Where(t => affiliateIds.Contains(t.AffiliateId)).ToListAsync(ct);

    public async Task<IReadOnlyList<Delivery>> FindDeliveriesAsync(IReadOnlyList<string> conversionIds, CancellationToken ct) =>
        await db.Deliveries.AsNoTracking().Where(d => conversionIds.Contains(d.ConversionId)).ToListAsync(ct);

    public void Add(Delivery delivery) => db.Deliveries.Add(delivery);
}
