using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Access;
using Tracking.Infrastructure.Persistence;
using Tracking.Infrastructure.Startup;

namespace Tracking.Api.Access;

/// <summary>
/// The bootstrap admin key (a hash in settings, <see cref="Secrets"/>) or a key row found by its SHA-256 hash, not revoked.
/// A row's <c>last_used_at</c> is written only when it is a minute old or more, by a conditional update (one write a minute
/// per key, whatever the traffic and the number of processes).
/// </summary>
public sealed class KeyAuthenticator(Secrets secrets, TrackingDbContext db, TimeProvider time) : IKeyAuthenticator
{
    public async ValueTask<Caller?> AuthenticateAsync(string key, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key)) return null;
        if (secrets.IsAdminKey(key)) return Caller.BootstrapAdmin with { Stamp = secrets.AdminKeyStamp };
        var hash = ApiKey.HashOf(key);
        var row = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, ct);
        if (row is null) return null;
        await RecordUseAsync(row, ct);
        return new Caller(row.Role, row.Id, row.AdvertiserId, row.AffiliateId, row.Name);
    }

    /// <summary>Re-reads the key row, so a revoked key's console session ends at its next request.</summary>
    public async ValueTask<bool> IsActiveAsync(Caller caller, CancellationToken ct) =>
        caller.KeyId == 0
            ? caller.IsAdmin && caller.Stamp is { } stamp && stamp == secrets.AdminKeyStamp
            : await db.ApiKeys.AnyAsync(k => k.Id == caller.KeyId && k.RevokedAt == null && k.Role == caller.Role, ct);

    private async Task RecordUseAsync(ApiKey row, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (!row.UsageIsStale(now)) return;
        var staleBefore = now - ApiKey.UsageResolution;
        await db.ApiKeys.Where(k => k.Id == row.Id && (k.LastUsedAt == null || k.LastUsedAt <= staleBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
    }
}
