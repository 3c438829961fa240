using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Tracking.Infrastructure.Persistence;

/// <summary>
/// Named leases shared by every process on one database, kept as rows of the <c>settings</c> table (no table of their
/// own): the value is <c>{expiry yyyyMMddHHmmssfff}|{holder}</c>, and a lease is taken by one conditional UPDATE that only
/// matches an expired value or the holder's own, so two processes never both succeed. The same SQL on SQLite,
/// PostgreSQL and SQL Server. A holder that dies simply lets the lease expire.
/// </summary>
public sealed class DatabaseLeases(IServiceScopeFactory scopes, TimeProvider time)
{
    private const string Format = "yyyyMMddHHmmssfff";
    private static readonly string Released = new string('0', Format.Length) + "|";

    /// <summary>Takes the lease <paramref name="name"/> for <paramref name="duration"/>, renewed while held; null when another holder has it.</summary>
    public async Task<DatabaseLease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken ct)
    {
        var holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return await TryClaimAsync(name, holder, duration, ct) ? new DatabaseLease(this, name, holder, duration) : null;
    }

    /// <summary>Claims or extends: succeeds when the lease is free, expired, or already <paramref name="holder"/>'s.</summary>
    internal async Task<bool> TryClaimAsync(string name, string holder, TimeSpan duration, CancellationToken ct)
    {
        var key = Key(name);
        var now = time.GetUtcNow().UtcDateTime;
        var value = Stamp(now + duration) + "|" + holder;
        var nowStamp = Stamp(now);
        var mine = "|" + holder;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        var claimed = await db.Settings
            .Where(s => s.Key == key && (string.Compare(s.Value, nowStamp) < 0 || s.Value.EndsWith(mine)))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Value, value), ct);
        if (claimed == 1) return true;
        if (await db.Settings.AnyAsync(s => s.Key == key, ct)) return false;
        db.Settings.Add(new Setting(key, value));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another process inserted the row first and holds the lease; if there is no row, the failure was something else.
            if (await Exists(key, ct)) return false;
            throw;
        }
    }

    internal async Task ReleaseAsync(string name, string holder, CancellationToken ct)
    {
        var key = Key(name);
        var mine = "|" + holder;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        await db.Settings.Where(s => s.Key == key && s.Value.EndsWith(mine))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Value, Released), ct);
    }

    private async Task<bool> Exists(string key, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrackingDbContext>().Settings.AnyAsync(s => s.Key == key, ct);
    }

    private static string Key(string name) => "lease:" + name;

    private static string Stamp(DateTime utc) => utc.ToString(Format, CultureInfo.InvariantCulture);
}
