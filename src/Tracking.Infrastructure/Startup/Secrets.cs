using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Startup;

/// <summary>
/// The click id key and the admin key, kept in the database so every API process shares them. The admin key is stored
/// only as a SHA-256 hash; a generated one is shown once, by <see cref="GeneratedAdminKey"/> on the start that made it.
/// </summary>
public sealed class Secrets(IServiceScopeFactory scopes, IOptions<TrackingOptions> options)
{
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
        _clickKey = Convert.FromBase64String(await GetOrAddAsync(db, ClickKeySetting, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), ct));
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
