using Microsoft.Extensions.DependencyInjection;
using Tracking.Infrastructure.Persistence;
using Tracking.Infrastructure.Startup;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Postgres;

/// <summary>Several API processes starting at once on one empty database (SPEC 8: they share one database).</summary>
public sealed class ConcurrentStartTests(PostgresServer postgres)
{
    [Fact]
    public async Task ProcessesStartingTogetherOnAnEmptyDatabaseShareOneClickKeyAndOneAdminKey()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var apps = Enumerable.Range(0, 3)
            .Select(_ => new TrackingApp(DatabaseProvider.Postgres, database.ConnectionString).With("Tracking:AdminApiKey", "")).ToList();
        try
        {
            await Task.WhenAll(apps.Select(app => Task.Run(app.Public)));
            var secrets = apps.Select(app => app.Services.GetRequiredService<Secrets>()).ToList();
            Assert.All(secrets, s => Assert.Equal(secrets[0].ClickIdKey, s.ClickIdKey));
            var shown = Assert.Single(secrets, s => s.GeneratedAdminKey is not null).GeneratedAdminKey;
            Assert.All(secrets, s => Assert.True(s.IsAdminKey(shown)));
        }
        finally
        {
            foreach (var app in apps) await app.DisposeAsync();
        }
    }
}
