using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Tracking.Testing;

/// <summary>An <see cref="IHostBuilder"/> whose <see cref="Build"/> returns only after a pause (<see cref="TrackingApp.PauseAfterBuild"/>).</summary>
internal sealed class PausedBuild(IHostBuilder inner, TimeSpan pause) : IHostBuilder
{
    public IDictionary<object, object> Properties => inner.Properties;

    public IHost Build()
    {
        var host = inner.Build();
        Thread.Sleep(pause);
        return host;
    }

    public IHostBuilder ConfigureAppConfiguration(Action<HostBuilderContext, IConfigurationBuilder> configure) =>
        inner.ConfigureAppConfiguration(configure);

    public IHostBuilder ConfigureContainer<TContainerBuilder>(Action<HostBuilderContext, TContainerBuilder> configure) => inner.ConfigureContainer(configure);

    public IHostBuilder ConfigureHostConfiguration(Action<IConfigurationBuilder> configure) => inner.ConfigureHostConfiguration(configure);

    public IHostBuilder ConfigureServices(Action<HostBuilderContext, IServiceCollection> configure) => inner.ConfigureServices(configure);

    public IHostBuilder UseServiceProviderFactory<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory) where TContainerBuilder : notnull =>
        inner.UseServiceProviderFactory(factory);

    public IHostBuilder UseServiceProviderFactory<TContainerBuilder>(Func<HostBuilderContext, IServiceProviderFactory<TContainerBuilder>> factory)
        where TContainerBuilder : notnull => inner.UseServiceProviderFactory(factory);
}
