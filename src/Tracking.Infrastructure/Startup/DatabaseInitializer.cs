using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tracking.Infrastructure.Persistence;
using Tracking.Infrastructure.Protection;

namespace Tracking.Infrastructure.Startup;

/// <summary>
/// Applies migrations (unless turned off), switches SQLite to WAL, prepares the key ring and protects secrets left plain by
/// earlier versions (<see cref="SecretsConversion"/>), and loads the secrets, before anything else starts.
/// </summary>
internal sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes, Secrets secrets, SecretsConversion conversion, IOptions<TrackingOptions> options,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
            if (db.Database.IsSqlite())
            {
                SqliteSettings.EnsureDirectory(db.Database.GetConnectionString());
                await db.Database.OpenConnectionAsync(ct);
                await db.Database.ExecuteSqlRawAsync(SqliteSettings.JournalMode, ct);
                await db.Database.CloseConnectionAsync();
            }
            // Several API and worker processes may start together on an empty server database: one migrates, the
            // others wait and then find nothing to do (EF's own history lock still let two apply one migration). The
            // first also makes the key ring's first key, which the others then read.
            await using (await MigrationLock.AcquireAsync(db, ct))
            {
                if (options.Value.Database.MigrateOnStart)
                {
                    var strategy = db.Database.CreateExecutionStrategy();
                    await strategy.ExecuteAsync(() => db.Database.MigrateAsync(ct));
                    LogMigrated(db.Database.ProviderName);
                }
                await conversion.RunAsync(db, ct);
            }
        }
        await secrets.LoadAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Database migrated ({Provider})")]
    private partial void LogMigrated(string? provider);
}
