using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Tracking.Infrastructure;
using Tracking.Worker.Consumers;

namespace Tracking.Api.Tests.Startup;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Tracking:Worker:ConcurrentMessageLimit", "0", "Tracking:Worker:ConcurrentMessageLimit")]
    [InlineData("Tracking:Ingress:MaxBatch", "0", "Tracking:Ingress:MaxBatch")]
    [InlineData("Tracking:Database:Provider", "Oracle", "Tracking:Database:Provider")]
    [InlineData("Tracking:Database:CheckpointInterval", "00:00:00", "Tracking:Database:CheckpointInterval")]
    [InlineData("Tracking:Database:WalRestartFrames", "-1", "Tracking:Database:WalRestartFrames")]
    [InlineData("Tracking:Database:WalRestartWait", "00:00:00", "Tracking:Database:WalRestartWait")]
    [InlineData("Tracking:Bus:Transport", "Kafka", "Tracking:Bus:Transport")]
    [InlineData("Tracking:Worker:PrefetchCount", "0", "Tracking:Worker:PrefetchCount")]
    [InlineData("Tracking:RateLimits:Pixels:Permits", "-1", "Tracking:RateLimits:Pixels:Permits")]
    [InlineData("Tracking:RateLimits:Api:Window", "00:00:00", "Tracking:RateLimits:Api:Window")]
    [InlineData("Tracking:Requests:RequestHeadersTimeout", "00:00:00", "Tracking:Requests:RequestHeadersTimeout")]
    [InlineData("Tracking:Requests:MinBodyRateGrace", "00:00:01", "Tracking:Requests:MinBodyRateGrace")]
    [InlineData("Tracking:TrustedProxies:0", "10.0.0.300", "Tracking:TrustedProxies")]
    // Parsed as the advertisers' allow-lists are: a range with bits after its prefix is a typo, not a wider range.
    [InlineData("Tracking:TrustedProxies:0", "10.0.0.1/8", "Tracking:TrustedProxies")]
    public async Task AnInvalidSettingStopsTheStartAndNamesTheSetting(string key, string value, string named)
    {
        await using var app = new TrackingApp().With(key, value);
        var error = Assert.Throws<OptionsValidationException>(() => app.Public());
        Assert.Contains(named, error.Message);
    }

    [Theory]
    [InlineData("Sqlite", null, 1)]
    [InlineData("Postgres", null, 2)]
    [InlineData("SqlServer", null, 2)]
    [InlineData("Postgres", "1", 1)]
    [InlineData("Sqlite", "3", 3)]
    public void TheWorkerDecidesOneMessageAtATimeOnSqliteAndTwoOnAServerDatabaseUnlessSet(string provider, string? limit, int expected)
    {
        var settings = new Dictionary<string, string?> { ["Tracking:Database:Provider"] = provider };
        if (limit is not null) settings["Tracking:Worker:ConcurrentMessageLimit"] = limit;
        var options = TrackingOptions.ForRegistration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        Assert.Equal(expected, new HitsRecordedConsumerDefinition(Options.Create(options)).ConcurrentMessageLimit);
    }

    [Fact]
    public async Task RabbitMqWithoutABrokerAddressStopsTheStartAndSaysWhatIsMissing()
    {
        await using var app = new TrackingApp().With("Tracking:Bus:Transport", "RabbitMq");
        var error = Assert.Throws<OptionsValidationException>(() => app.Public());
        Assert.Contains("ConnectionStrings:RabbitMq", error.Message);
    }

    [Fact]
    public async Task AnApiWithoutItsWorkerOnTheInMemoryBusStopsTheStartBecauseNothingWouldConsume()
    {
        await using var app = new TrackingApp().With("Tracking:Worker:Enabled", "false");
        var error = Assert.Throws<OptionsValidationException>(() => app.Public());
        Assert.Contains("Tracking:Worker:Enabled is false but Tracking:Bus:Transport is InMemory", error.Message);
    }
}
