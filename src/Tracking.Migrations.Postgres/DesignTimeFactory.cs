using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Migrations.Postgres;

/// <summary>For <c>dotnet ef migrations add ... --project src/Tracking.Migrations.Postgres</c> (no server is contacted to add or script).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TrackingDbContext>
{
    public TrackingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TrackingDbContext>();
        // Adding and scripting migrations never connects; `dotnet ef database update` uses the environment's database.
        options.UseTrackingDatabase(DatabaseProvider.Postgres,
            Environment.GetEnvironmentVariable("ConnectionStrings__Tracking") ?? "Host=localhost;Database=tracking");
        return new TrackingDbContext(options.Options);
    }
}
