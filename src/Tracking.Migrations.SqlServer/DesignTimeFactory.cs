using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Migrations.SqlServer;

/// <summary>For <c>dotnet ef migrations add ... --project src/Tracking.Migrations.SqlServer</c> (no server is contacted to add or script).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TrackingDbContext>
{
    public TrackingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TrackingDbContext>();
        // Adding and scripting migrations never connects; `dotnet ef database update` uses the environment's database.
        options.UseTrackingDatabase(DatabaseProvider.SqlServer,
            Environment.GetEnvironmentVariable("ConnectionStrings__Tracking") ?? "Server=localhost;Database=tracking;Integrated Security=true;TrustServerCertificate=true");
        return new TrackingDbContext(options.Options);
    }
}
