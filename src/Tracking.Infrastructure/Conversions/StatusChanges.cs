using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Conversions;
using Tracking.Domain.Forwarding;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Conversions;

/// <summary>
/// The one path of a status change that is not a hit's: a person's through the API (one conversion or many, issue 11.8)
/// and the hold's approval (issue 11.4). Each change goes through <see cref="Conversion.ChangeStatus"/>, so it joins the
/// history and marks the conversion for forwarding; the save is one conditional UPDATE per conversion on its version, so
/// a conversion another writer changed meanwhile fails the whole save; after the commit the changed ones are announced to
/// the delivery planner, which fires each template once (a unique index holds that across workers).
/// </summary>
public sealed class StatusChanges(TrackingDbContext db, IConversionEvents events, WriteGate gate, TimeProvider time)
{
    /// <summary>
    /// Applies <paramref name="change"/> to each tracked conversion and saves them in one transaction; the ids of those it
    /// changed. Throws <see cref="DbUpdateConcurrencyException"/> (nothing saved, the changed conversions no longer tracked) when another writer
    /// changed one of them first.
    /// </summary>
    public async Task<IReadOnlyList<string>> SaveAsync(IReadOnlyList<Conversion> conversions, Func<Conversion, DateTime, bool> change, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var changed = conversions.Where(c => change(c, now)).Select(c => c.Id).ToList();
        if (changed.Count == 0) return changed;
        using var turn = await gate.EnterAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Forget the failed changes only: conversions read with these and not changed stay tracked for the next save.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList()) entry.State = EntityState.Detached;
            throw;
        }
        return changed;
    }

    /// <summary>Tells forwarding about committed changes (SPEC 5); a lost message is swept up by the worker.</summary>
    public Task AnnounceAsync(IReadOnlyList<string> conversionIds, CancellationToken ct) =>
        conversionIds.Count == 0 ? Task.CompletedTask : events.ChangedAsync(conversionIds, ct);
}
