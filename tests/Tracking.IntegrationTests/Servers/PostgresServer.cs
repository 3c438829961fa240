using DotNet.Testcontainers.Containers;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Tracking.IntegrationTests.Servers;

/// <summary>PostgreSQL for the suite (<c>TRACKING_TEST_POSTGRES</c>); every test gets a database of its own.</summary>
public sealed class PostgresServer() : ServerSource("TRACKING_TEST_POSTGRES", "PostgreSQL", "Run `eval \"$(scripts/services.sh up)\"` first.")
{
    protected override IContainer CreateContainer() => new PostgreSqlBuilder("postgres:15-alpine").Build();

    protected override string ConnectionStringOf(IContainer container) => ((PostgreSqlContainer)container).GetConnectionString();

    /// <summary>Creates an empty database and returns its connection string; it is dropped when the result is disposed.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync()
    {
        SkipWhenUnavailable();
        var name = "tracking_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name };
        return new TestDatabase(builder.ConnectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
    }
}

/// <summary>A database of one test; disposing drops it.</summary>
public sealed class TestDatabase(string connectionString, Func<Task> drop) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync() => await drop();
}
