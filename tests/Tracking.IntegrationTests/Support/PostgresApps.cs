using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Servers;

namespace Tracking.IntegrationTests.Support;

/// <summary>The shared <see cref="TrackingApp"/> on the integration suite's servers.</summary>
public static class PostgresApps
{
    extension(TrackingApp)
    {
        /// <summary>The product on an empty PostgreSQL database of its own, dropped after the app (skips the test when there is no server).</summary>
        public static async Task<TrackingApp> OnPostgresAsync(PostgresServer server)
        {
            var database = await server.CreateDatabaseAsync();
            return new TrackingApp(DatabaseProvider.Postgres, database.ConnectionString, database);
        }

        /// <summary>
        /// The product on an empty SQL Server database of its own, dropped after the app (skips the test when there is no
        /// server, as on this project's CI machine).
        /// </summary>
        public static async Task<TrackingApp> OnSqlServerAsync(SqlServerServer server)
        {
            var database = await server.CreateDatabaseAsync();
            return new TrackingApp(DatabaseProvider.SqlServer, database.ConnectionString, database);
        }
    }
}
