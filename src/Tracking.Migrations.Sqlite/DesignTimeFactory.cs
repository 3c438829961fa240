using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Migrations.Sqlite;

/// <summary>For <c>dotnet ef migrations add ... --project src/Tracking.Migrations.Sqlite</c>.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TrackingDbContext>
{
    public TrackingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TrackingDbContext>()
            .UseSqlite("Data Source=design.db", s => s.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention()
            .Options);
}
