using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Startup;

/// <summary>
/// The click id key and the admin key, kept in the database so every API process shares them. The admin key is stored
/// only as a SHA-256 hash; a generated one is shown once, by <see cref="GeneratedAdminKey"/> on the start that made it.
/// The click id key is stored protected by Data Protection (issue 12.4); a plain one from an earlier version is protected
/// on the first start.
/// </summary>
public sealed class Secrets(IServiceScopeFactory scopes, IOptions<TrackingOptions> options, IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Tracking.Settings.v1");
    private const string ClickKeySetting = "click_id_key";
    private const string AdminKeySetting = "admin_api_key_sha256";
    private byte[]? _clickKey;
    private byte[]? _adminKeyHash;

    public byte[] ClickIdKey => _clickKey ?? throw new InvalidOperationException("Secrets are loaded at start-up, after migrations.");

    /// <summary>The admin key this start generated, to print once; null when it was configured or made earlier.</summary>
    public string? GeneratedAdminKey { get; private set; }

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        _clickKey = await LoadClickKeyAsync(db, ct);
        if (options.Value.AdminApiKey is { Length: > 0 } configured)
        {
            _adminKeyHash = Hash(configured);
            return;
        }
        string? generated = null;
        var stored = await GetOrAddAsync(db, AdminKeySetting, () =>
        {
            generated = "trk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
            return Convert.ToHexStringLower(Hash(generated));
        }, ct);
        _adminKeyHash = Convert.FromHexString(stored);
        // Two processes starting at once both generate a key; only the one whose key was stored may show it.
        if (generated is not null && IsAdminKey(generated)) GeneratedAdminKey = generated;
    }

    public bool IsAdminKey(string? key) =>
        key is { Length: > 0 } && _adminKeyHash is not null && CryptographicOperations.FixedTimeEquals(Hash(key), _adminKeyHash);

    /// <summary>A fingerprint of the admin key in force (a hash of its hash): a console session of the bootstrap admin holds it.</summary>
    public string AdminKeyStamp => _adminKeyHash is null ? throw new InvalidOperationException("Secrets are loaded at start-up, after migrations.")
        : Convert.ToHexStringLower(SHA256.HashData(_adminKeyHash))[..16];

    private async Task<byte[]> LoadClickKeyAsync(TrackingDbContext db, CancellationToken ct)
    {
        var stored = await GetOrAddAsync(db, ClickKeySetting, () => _protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))), ct);
        if (!Protection.SecretColumns.IsProtected(stored))
        {
            // Stored plain by a version before 12.4: protect it in place (another process starting now may win; both agree).
            var protectedKey = _protector.Protect(stored);
            await db.Settings.Where(s => s.Key == ClickKeySetting && s.Value == stored).ExecuteUpdateAsync(u => u.SetProperty(s => s.Value, protectedKey), ct);
            stored = (await db.Settings.AsNoTracking().FirstAsync(s => s.Key == ClickKeySetting, ct)).Value;
        }
        return Convert.FromBase64String(_protector.Unprotect(stored));
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static async Task<string> GetOrAddAsync(TrackingDbContext db, string key, Func<string> create, CancellationToken ct)
    {
        var existing = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        if (existing is not null) return existing.Value;
        db.Settings.Add(new Setting(key, create()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (SaveConflicts.IsConflict(ex.InnerException))
        {
            // Another process started at the same moment and stored its value first: use that one.
            db.ChangeTracker.Clear();
            return (await db.Settings.AsNoTracking().FirstAsync(s => s.Key == key, ct)).Value;
        }
        return (await db.Settings.AsNoTracking().FirstAsync(s => s.Key == key, ct)).Value;
    }
}
