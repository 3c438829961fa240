using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Topology;

/// <summary>
/// The database lease that keeps reconciliation sweeps (and relay ticks) to one process at a time: one claimant wins,
/// even racing; the others get it when the holder releases it or dies and lets it expire. Each claimant has a service
/// provider and a clock of its own, as separate worker processes would.
/// </summary>
public sealed class LeaseTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnPostgresOneClaimantHoldsTheLeaseUntilItIsReleasedOrExpires()
    {
        await using var app = await TrackingApp.OnPostgresAsync(postgres);
        await Exercise(app);
    }

    [Fact]
    public async Task OnSqliteOneClaimantHoldsTheLeaseUntilItIsReleasedOrExpires()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("tracking-lease-").FullName, "tracking.db");
        await using var app = new TrackingApp(DatabaseProvider.Sqlite, $"Data Source={file}");
        await Exercise(app);
    }

    private static async Task Exercise(TrackingApp app)
    {
        await app.WithDb(db => db.Database.GetAppliedMigrationsAsync(Ct)); // Started: the schema is there.
        var (a, _) = Claimant(app);
        var (b, bClock) = Claimant(app);

        var held = await a.TryAcquireAsync("sweep", TimeSpan.FromMinutes(1), Ct);
        Assert.NotNull(held);
        Assert.Null(await b.TryAcquireAsync("sweep", TimeSpan.FromMinutes(1), Ct));

        // The holder died without releasing: once its lease expired, another process takes over.
        bClock.Advance(TimeSpan.FromMinutes(2));
        var takenOver = await b.TryAcquireAsync("sweep", TimeSpan.FromMinutes(1), Ct);
        Assert.NotNull(takenOver);
        await held.DisposeAsync(); // A late release by the old holder does not free the new holder's lease.
        Assert.Null(await Claimant(app).Leases.TryAcquireAsync("sweep", TimeSpan.FromMinutes(1), Ct));
        await takenOver.DisposeAsync();
        var next = await Claimant(app).Leases.TryAcquireAsync("sweep", TimeSpan.FromMinutes(1), Ct);
        Assert.NotNull(next);
        await next.DisposeAsync();

        // Racing claimants, on a lease that does not exist yet (INSERT) and on one that is free (UPDATE): one winner each.
        for (var round = 0; round < 2; round++)
        {
            var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
                Task.Run(() => Claimant(app).Leases.TryAcquireAsync("race", TimeSpan.FromMinutes(1), Ct))));
            Assert.Single(claims, c => c is not null);
            await claims.Single(c => c is not null)!.DisposeAsync();
        }
    }

    private static (DatabaseLeases Leases, ManualClock Clock) Claimant(TrackingApp app)
    {
        var clock = new ManualClock();
        var services = new ServiceCollection()
            .AddDbContext<TrackingDbContext>(o => o.UseTrackingDatabase(app.Provider, app.ConnectionString))
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<DatabaseLeases>()
            .BuildServiceProvider();
        return (services.GetRequiredService<DatabaseLeases>(), clock);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
