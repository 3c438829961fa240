using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;
using Tracking.Testing;

namespace Tracking.IntegrationTests.Persistence;

/// <summary>
/// SPEC 8's provider settings: a server database without its connection string stops the start, saying so; on PostgreSQL
/// the product's connections prepare the statements they repeat, unless the connection string says otherwise.
/// </summary>
public sealed class ProviderSettingsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData("Max Auto Prepare=0", 0)]
    [InlineData("maxautoprepare=0", 0)]
    public async Task OnPostgresTheProductsConnectionsPrepareWhatTheyRepeatUnlessTheConnectionStringSaysOtherwise(string? setting, int least)
    {
        var database = await postgres.CreateDatabaseAsync();
        var connectionString = setting is null ? database.ConnectionString : database.ConnectionString + ";" + setting;
        await using var app = new TrackingApp(DatabaseProvider.Postgres, connectionString, database);
        app.Public().Dispose();   // starts the product: migrations run, the catalog is read
        var prepared = await app.WithDb(async db =>
        {
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);   // one session for the whole check
            for (var i = 0; i < 3; i++) await db.Offers.CountAsync(o => o.Id > i, TestContext.Current.CancellationToken);
            return await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_prepared_statements WHERE NOT from_sql")
                .SingleAsync(TestContext.Current.CancellationToken);
        });
        if (least == 0) Assert.Equal(0, prepared);
        else Assert.True(prepared >= least, $"no statement prepared on the product's connection ({prepared})");
    }

    [Theory]
    [InlineData("Host=db;Database=t", "Host=db;Database=t;" + TrackingDatabase.PostgresAutoPrepare)]
    [InlineData("Host=db;Database=t;", "Host=db;Database=t;" + TrackingDatabase.PostgresAutoPrepare)]
    [InlineData("Host=db;Max Auto Prepare=8", "Host=db;Max Auto Prepare=8")]
    [InlineData("Host=db;Auto Prepare Min Usages=9", "Host=db;Auto Prepare Min Usages=9")]
    [InlineData("", "")]
    public void AutoPreparationIsAddedOnlyWhereTheConnectionStringLeavesItOut(string given, string used) =>
        Assert.Equal(used, TrackingDatabase.WithAutoPrepare(given));

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.SqlServer)]
    public async Task AServerProviderWithoutConnectionStringStopsTheStartAndNamesIt(string provider)
    {
        await using var app = new TrackingApp(provider, "");
        var error = Assert.Throws<OptionsValidationException>(() => app.Public());
        Assert.Contains("ConnectionStrings:Tracking", error.Message);
        Assert.Contains(provider, error.Message);
    }

    [Fact]
    public async Task AProviderNameInTheWrongCaseIsRefusedWithTheChoices()
    {
        await using var app = new TrackingApp("postgres", "Host=127.0.0.1;Database=none");
        var error = Assert.Throws<OptionsValidationException>(() => app.Public());
        Assert.Contains("Tracking:Database:Provider", error.Message);
        Assert.Contains("Sqlite, Postgres or SqlServer", error.Message);
    }
}
