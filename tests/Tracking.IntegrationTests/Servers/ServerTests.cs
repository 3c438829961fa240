using Npgsql;

namespace Tracking.IntegrationTests.Servers;

/// <summary>The suite's own plumbing: tests must not share state through the shared servers.</summary>
public sealed class ServerTests(PostgresServer postgres, RabbitMqServer rabbit, ITestOutputHelper output)
{
    [Fact]
    public async Task Each_test_database_is_its_own()
    {
        output.WriteLine($"PostgreSQL from {postgres.Origin}");
        await using var first = await postgres.CreateDatabaseAsync();
        await using var second = await postgres.CreateDatabaseAsync();
        await Execute(first.ConnectionString, "CREATE TABLE marker (id int)");

        Assert.Equal(1L, await Scalar(first.ConnectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'marker'"));
        Assert.Equal(0L, await Scalar(second.ConnectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'marker'"));
    }

    [Fact]
    public async Task Each_test_virtual_host_is_its_own()
    {
        output.WriteLine($"RabbitMQ from {rabbit.Origin}");
        var first = await rabbit.CreateVirtualHostAsync();
        var second = await rabbit.CreateVirtualHostAsync();

        Assert.NotEqual(new Uri(first).AbsolutePath, new Uri(second).AbsolutePath);
        Assert.Equal(new Uri(rabbit.ConnectionString!).Port, new Uri(first).Port);
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
