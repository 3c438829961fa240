using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tracking.Api.Tests.Operations;

public sealed class OperationsSettingsTests
{
    [Theory]
    [InlineData("Tracking:Operations:ShutdownTimeout", "00:00:00")]
    [InlineData("Tracking:Operations:QueueProbeEvery", "02:00:00")]
    public async Task AnInvalidOperationsSettingStopsTheStartAndNamesTheSetting(string key, string value)
    {
        await using var app = new TrackingApp().With(key, value);
        var error = Assert.Throws<OptionsValidationException>(() => app.Public());
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task TheShutdownTimeoutSettingBoundsTheHostsStop()
    {
        await using var app = new TrackingApp().With("Tracking:Operations:ShutdownTimeout", "00:00:07");
        app.Public().Dispose();
        var host = app.Services.GetRequiredService<IOptions<Microsoft.Extensions.Hosting.HostOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(7), host.ShutdownTimeout);
    }
}
