using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tracking.Domain.Forwarding;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Forwarding;

/// <summary>
/// The deliveries table as a work queue shared by every worker process. A claim is a conditional update (only rows still
/// pending, due and without a live lease get this claim's token), so two dispatchers never hold the same delivery; the
/// result is written only while the lease is still this claim's (<c>locked_by</c> is a concurrency token).
/// </summary>
public sealed class DeliveryQueue(IServiceScopeFactory scopes, WriteGate gate, IOptions<TrackingOptions> options, TimeProvider time)
{
    /// <summary>Queries per claim at most: each leaves out the hosts the previous ones filled.</summary>
    private const int MaxLooks = 4;

    private ForwardingOptions Options => options.Value.Forwarding;

    /// <summary>
    /// Claims up to <paramref name="max"/> due deliveries, oldest due first, taking no more for a host than
    /// <paramref name="room"/> says it has room for and none for the <paramref name="busy"/> hosts (no room at all), so a
    /// backlog for one slow partner can neither fill every slot nor stand in front of the others' deliveries.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int max, Func<string, int> room, IReadOnlyCollection<string> busy, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        var full = busy.ToList();
        var ids = new List<string>();
        // Oldest due first, but a host that is full (in flight, or by this claim) is left out of the next look, so that a
        // backlog for one partner, slow or not, never hides the due deliveries of the others behind it.
        for (var look = 0; look < MaxLooks && ids.Count < max; look++)
        {
            var take = max - ids.Count + 16;
            var candidates = await Due(db, now).Where(d => !full.Contains(d.Host)).OrderBy(d => d.NextAttemptAt)
                .Select(d => new { d.Id, d.Host }).Take(take).ToListAsync(ct);
            foreach (var c in candidates)
            {
                var n = taken.GetValueOrDefault(c.Host);
                if (ids.Count == max || n >= room(c.Host)) continue;
                taken[c.Host] = n + 1;
                ids.Add(c.Id);
            }
            var before = full.Count;
            full = full.Union(taken.Keys.Where(h => taken[h] >= room(h))).ToList();
            if (candidates.Count < take || full.Count == before) break;
        }
        if (ids.Count == 0) return [];

        var lease = Guid.NewGuid().ToString("N");
        var until = now + Options.Lease;
        // From the claim on, shutdown no longer cancels: a claim given up halfway would keep its deliveries leased, out of
        // every worker's reach, for a whole Lease after a graceful stop. Returned, they are sent and recorded before the
        // dispatcher stops.
        using (await gate.EnterAsync(ct))
        {
            var claimed = await Due(db, now).Where(d => ids.Contains(d.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LockedUntil, until).SetProperty(d => d.LockedBy, lease), CancellationToken.None);
            if (claimed == 0) return [];
        }
        var rows = await db.Deliveries.AsNoTracking().Where(d => ids.Contains(d.Id) && d.LockedBy == lease).ToListAsync(CancellationToken.None);
        var affiliateIds = rows.Select(d => d.AffiliateId).Distinct().ToList();
        var secrets = await db.Affiliates.AsNoTracking().Where(a => affiliateIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.SigningSecret.Length == 0 ? [] : a.SecretsAt(now), CancellationToken.None);
        return rows.Select(d => new ClaimedDelivery(d.Id, d.Host, d.Method, d.Url, d.Body, d.Sign, secrets.GetValueOrDefault(d.AffiliateId, []), lease))
            .ToList();
    }

    /// <summary>
    /// Logs the attempt and moves the delivery on (SPEC 5); counts the template's consecutive failures and pauses it after
    /// <c>PauseAfter</c>, or at once on a 410, together with its waiting deliveries. False when the lease was lost meanwhile.
    /// </summary>
    public async Task<bool> RecordAsync(ClaimedDelivery claimed, AttemptResult result, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        var delivery = await db.Deliveries.FirstOrDefaultAsync(d => d.Id == claimed.Id, ct);
        if (delivery is null || delivery.LockedBy != claimed.Lease) return false;
        var template = await db.ForwardingTemplates.Where(t => t.Id == delivery.TemplateId)
            .Select(t => new { t.State, t.ConsecutiveFailures }).SingleAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var verdict = delivery.Record(result, Options.Schedule, template.State == TemplateState.Paused, now, Random.Shared.NextDouble());

        using var turn = await gate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        var templates = db.ForwardingTemplates.Where(t => t.Id == delivery.TemplateId);
        if (verdict == AttemptVerdict.Succeeded)
        {
            if (template.ConsecutiveFailures != 0)
                await templates.ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsecutiveFailures, 0), ct);
        }
        else
        {
            await templates.ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsecutiveFailures, t => t.ConsecutiveFailures + 1), ct);
            var pauseAfter = Options.PauseAfter;
            var reason = verdict == AttemptVerdict.Gone
                ? $"the partner answered 410 Gone at {now:O}"
                : $"{pauseAfter} consecutive failed attempts, the last at {now:O}: {result.Describe()}";
            var paused = await templates.Where(t => t.State == TemplateState.Active && (verdict == AttemptVerdict.Gone || t.ConsecutiveFailures >= pauseAfter))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TemplateState.Paused).SetProperty(t => t.PausedReason, reason), ct);
            if (paused > 0)
                await db.Deliveries.Where(d => d.TemplateId == delivery.TemplateId && d.State == DeliveryState.Pending)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Paused), ct);
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    private static IQueryable<Delivery> Due(TrackingDbContext db, DateTime now) =>
        db.Deliveries.Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now));
}
