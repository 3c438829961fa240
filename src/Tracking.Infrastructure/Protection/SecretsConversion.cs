using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tracking.Domain.Catalog;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Protection;

/// <summary>
/// Issue 12.4, at start-up after the migrations, under the migration lock: makes sure the key ring has a key before any
/// process protects anything (two processes starting on an empty ring would each make their own), then protects the secrets
/// of rows written by versions before 12.4 (Data Protection cannot run inside a migration). Idempotent: a row whose token
/// has a hash, or whose secret is already protected, is left alone, and every update is conditional on the old value.
/// </summary>
internal sealed partial class SecretsConversion(IDataProtectionProvider provider, SecretColumns columns, ILogger<SecretsConversion> logger)
{
    public async Task RunAsync(TrackingDbContext db, CancellationToken ct)
    {
        // The first use loads the key ring and, when it is empty, creates and stores its first key.
        provider.CreateProtector("Tracking.KeyRingCheck").Protect([1]);
        var converted = 0;
        foreach (var (id, token) in await ReadAsync(db, "SELECT id, postback_token FROM advertisers WHERE postback_token_hash = ''", ct))
        {
            var (stored, hash) = (columns.Protect(token), Advertiser.HashOf(token));
            converted += await db.Database.ExecuteSqlAsync(
                $"UPDATE advertisers SET postback_token = {stored}, postback_token_hash = {hash} WHERE id = {id} AND postback_token_hash = ''", ct);
        }
        foreach (var (id, secret) in await ReadAsync(db, "SELECT id, signing_secret FROM affiliates", ct))
        {
            if (secret.Length == 0 || SecretColumns.IsProtected(secret)) continue;
            var stored = columns.Protect(secret);
            converted += await db.Database.ExecuteSqlAsync(
                $"UPDATE affiliates SET signing_secret = {stored} WHERE id = {id} AND signing_secret = {secret}", ct);
        }
        foreach (var (id, secret) in await ReadAsync(db, "SELECT id, previous_signing_secret FROM affiliates WHERE previous_signing_secret IS NOT NULL", ct))
        {
            if (secret.Length == 0 || SecretColumns.IsProtected(secret)) continue;
            var stored = columns.Protect(secret);
            converted += await db.Database.ExecuteSqlAsync(
                $"UPDATE affiliates SET previous_signing_secret = {stored} WHERE id = {id} AND previous_signing_secret = {secret}", ct);
        }
        if (converted > 0) LogConverted(converted);
    }

    private static async Task<List<(int Id, string Value)>> ReadAsync(TrackingDbContext db, string sql, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            var rows = new List<(int, string)>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) rows.Add((Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1)));
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(LogLevel.Information, "Protected {Count} secrets stored in plain text by an earlier version (issue 12.4)")]
    private partial void LogConverted(int count);
}
