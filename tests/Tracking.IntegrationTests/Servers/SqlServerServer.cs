using DotNet.Testcontainers.Containers;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace Tracking.IntegrationTests.Servers;

/// <summary>SQL Server for the suite (<c>TRACKING_TEST_SQLSERVER</c>). It cannot run on this project's CI machine, so there these tests skip.</summary>
public sealed class SqlServerServer() : ServerSource("TRACKING_TEST_SQLSERVER", "SQL Server", "SQL Server cannot run on this machine: point TRACKING_TEST_SQLSERVER at one elsewhere.")
{
    protected override IContainer CreateContainer() => new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();

    protected override string ConnectionStringOf(IContainer container) => ((MsSqlContainer)container).GetConnectionString();

    /// <summary>Creates an empty database and returns its connection string; it is dropped when the result is disposed.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync()
    {
        SkipWhenUnavailable();
        var name = "tracking_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync($"CREATE DATABASE [{name}]");
        var builder = new SqlConnectionStringBuilder(ConnectionString) { InitialCatalog = name };
        return new TestDatabase(builder.ConnectionString, async () =>
        {
            SqlConnection.ClearAllPools();
            await ExecuteAsync($"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]");
        });
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
