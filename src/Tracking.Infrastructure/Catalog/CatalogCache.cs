using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Catalog;

/// <summary>
/// The catalog as one immutable snapshot, so ingress judges offers, goals and tokens without a database round trip.
/// Changes made in this process invalidate it at once; other processes see them within <see cref="MaxAge"/>, and a miss
/// reloads at most every <see cref="MissReloadInterval"/>, so a brand-new offer works on its first hit.
/// </summary>
internal sealed class CatalogCache(IServiceScopeFactory scopes, TimeProvider time) : ICatalog
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MissReloadInterval = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(
        FrozenDictionary<int, OfferInfo> Offers, FrozenDictionary<int, AdvertiserInfo> Advertisers, FrozenSet<int> Affiliates, DateTime LoadedAt);

    public ValueTask<OfferInfo?> FindOfferAsync(int id, CancellationToken ct = default) =>
        FindAsync(s => s.Offers.GetValueOrDefault(id), ct);

    public ValueTask<AdvertiserInfo?> FindAdvertiserAsync(int id, CancellationToken ct = default) =>
        FindAsync(s => s.Advertisers.GetValueOrDefault(id), ct);

    public async ValueTask<bool> AffiliateExistsAsync(int id, CancellationToken ct = default) =>
        await FindAsync(s => s.Affiliates.Contains(id) ? s : null, ct) is not null;

    public void Invalidate() => _snapshot = null;

    private async ValueTask<T?> FindAsync<T>(Func<Snapshot, T?> find, CancellationToken ct) where T : class
    {
        var now = time.GetUtcNow().UtcDateTime;
        var snapshot = _snapshot;
        if (snapshot is null || now - snapshot.LoadedAt > MaxAge) snapshot = await ReloadAsync(snapshot, ct);
        var found = find(snapshot);
        if (found is null && now - snapshot.LoadedAt > MissReloadInterval) found = find(await ReloadAsync(snapshot, ct));
        return found;
    }

    private async Task<Snapshot> ReloadAsync(Snapshot? seen, CancellationToken ct)
    {
        await _reload.WaitAsync(ct);
        try
        {
            // Another caller reloaded while this one waited.
            if (_snapshot is { } current && !ReferenceEquals(current, seen)) return current;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
            var offers = await db.Offers.AsNoTracking().Include(o => o.Goals).ToListAsync(ct);
            // Secrets are unprotected here, once per reload, never per request; the token only as its hash.
            var advertisers = (await db.Advertisers.AsNoTracking().ToListAsync(ct)).Select(AdvertiserInfo.From).ToList();
            var affiliates = await db.Affiliates.AsNoTracking().Select(a => a.Id).ToListAsync(ct);
            var fresh = new Snapshot(
                offers.ToFrozenDictionary(o => o.Id, OfferInfo.From),
                advertisers.ToFrozenDictionary(a => a.Id),
                affiliates.ToFrozenSet(),
                time.GetUtcNow().UtcDateTime);
            _snapshot = fresh;
            return fresh;
        }
        finally
        {
            _reload.Release();
        }
    }
}
