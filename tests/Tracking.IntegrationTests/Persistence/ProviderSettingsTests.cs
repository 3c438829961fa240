using Microsoft.Extensions.Options;
using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Persistence;

/// <summary>SPEC 8's provider settings: a server database without its connection string stops the start, saying so.</summary>
public sealed class ProviderSettingsTests
{
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
