namespace Tracking.Api.Tests.Support;

/// <summary>
/// The test host itself. A minimal-API app starts itself on its own thread once the factory has built it. With the
/// factory's <c>UseKestrel(0)</c>, the factory then rewrote the server's addresses on the test thread, and when the app's
/// thread had bound Kestrel first (a busy machine, a quick start on a migrated database) the start failed with
/// "IServerAddressesFeature.Addresses cannot be modified after the server has started": the flaky
/// <c>TwoWorkersOnOneDatabaseNeverSendOneDeliveryTwice</c>. The app now binds its own loopback endpoint.
/// </summary>
public sealed class TrackingAppTests
{
    [Fact]
    public async Task AnAppThatBindsBeforeTheFactoryLooksStillStarts()
    {
        await using var app = new TrackingApp { PauseAfterBuild = TimeSpan.FromMilliseconds(500) };
        using var client = app.Public();
        var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        Assert.True(live.IsSuccessStatusCode, $"{client.BaseAddress} answered {(int)live.StatusCode}");
        Assert.Equal("127.0.0.1", client.BaseAddress!.Host);
    }

    [Fact]
    public async Task ManyAppsStartingTogetherEachListenOnAPortOfTheirOwn()
    {
        const int apps = 8;
        var started = await Task.WhenAll(Enumerable.Range(0, apps).Select(_ => Task.Run(() =>
        {
            var app = new TrackingApp();
            using var client = app.Public();
            return (App: app, Port: client.BaseAddress!.Port);
        })));
        try
        {
            Assert.Equal(apps, started.Select(s => s.Port).Distinct().Count());
        }
        finally
        {
            foreach (var (app, _) in started) await app.DisposeAsync();
        }
    }

    /// <summary>
    /// An app whose start fails: its own thread fails the start and disposes its services, and when that happens before
    /// the factory's thread asks them for the lifetime (a busy machine), the factory threw ObjectDisposedException instead
    /// of the failure (the flaky ConfigurationTests case in CI). The factory now answers the start's own failure.
    /// </summary>
    [Fact]
    public async Task AStartThatFailsBeforeTheFactoryLooksAnswersItsOwnFailure()
    {
        await using var app = new TrackingApp { PauseAfterBuild = TimeSpan.FromSeconds(1) }.With("Tracking:Bus:Transport", "Kafka");
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => app.Public());
        Assert.Contains("Tracking:Bus:Transport", error.Message);
    }
}
