using DotNet.Testcontainers.Containers;
using Testcontainers.MsSql;

namespace Tracking.IntegrationTests.Servers;

/// <summary>SQL Server for the suite (<c>TRACKING_TEST_SQLSERVER</c>). It cannot run on this project's CI machine, so there these tests skip.</summary>
public sealed class SqlServerServer() : ServerSource("TRACKING_TEST_SQLSERVER", "SQL Server")
{
    protected override IContainer CreateContainer() => new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();

    protected override string ConnectionStringOf(IContainer container) => ((MsSqlContainer)container).GetConnectionString();
}
