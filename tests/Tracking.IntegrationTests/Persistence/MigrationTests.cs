using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Persistence;

/// <summary>Each server provider's migrations, and the PostgreSQL script of docs/schema, on an empty database.</summary>
public sealed class MigrationTests(PostgresServer postgres, SqlServerServer sqlServer)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MigrationsBuildAnEmptyPostgresDatabaseAndRunAgainAsANoOp()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await MigrateTwiceAsync(DatabaseProvider.Postgres, database.ConnectionString);
    }

    [Fact]
    public async Task MigrationsBuildAnEmptySqlServerDatabaseAndRunAgainAsANoOp()
    {
        await using var database = await sqlServer.CreateDatabaseAsync();
        await MigrateTwiceAsync(DatabaseProvider.SqlServer, database.ConnectionString);
    }

    [Fact]
    public async Task ThePostgresSchemaScriptBuildsAnEmptyDatabaseAndRunsAgainHarmlessly()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var script = await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "docs", "schema", "postgres.sql"), Ct);
        for (var run = 0; run < 2; run++)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand(script, connection);
            await command.ExecuteNonQueryAsync(Ct);
        }

        await using var db = Databases.Context(DatabaseProvider.Postgres, database.ConnectionString);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Equal(0, await db.Hits.CountAsync(Ct));
    }

    private static async Task MigrateTwiceAsync(string provider, string connectionString)
    {
        await using var db = Databases.Context(provider, connectionString);
        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync(Ct));
        await db.Database.MigrateAsync(Ct);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        await db.Database.MigrateAsync(Ct);

        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.Equal(0, await db.Conversions.CountAsync(Ct));
        Assert.Equal(0, await db.Settings.CountAsync(Ct));
    }
}
