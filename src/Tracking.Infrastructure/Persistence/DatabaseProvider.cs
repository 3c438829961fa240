using Microsoft.EntityFrameworkCore;

namespace Tracking.Infrastructure.Persistence;

/// <summary>
/// The database providers (<c>Tracking:Database:Provider</c>) and how EF is set up for each: its own migrations assembly
/// (<c>Tracking.Migrations.{Provider}</c>) and snake_case names. The hosts, the design-time factories and the tests use it.
/// </summary>
public static class DatabaseProvider
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    public const string SqlServer = "SqlServer";

    public static string MigrationsAssembly(string provider) => "Tracking.Migrations." + provider;

    public static DbContextOptionsBuilder UseTrackingDatabase(this DbContextOptionsBuilder builder, string provider, string connectionString)
    {
        var assembly = MigrationsAssembly(provider);
        _ = provider switch
        {
            Sqlite => builder.UseSqlite(connectionString, o => o.MigrationsAssembly(assembly)).AddInterceptors(new SqliteSettings.EfConnections()),
            Postgres => builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(assembly)),
            SqlServer => builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(assembly)),
            _ => throw new InvalidOperationException($"Tracking:Database:Provider '{provider}' is not one of {Sqlite}, {Postgres}, {SqlServer}."),
        };
        return builder.UseSnakeCaseNamingConvention();
    }
}
