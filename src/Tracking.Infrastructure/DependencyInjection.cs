using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tracking.Domain.Attribution;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Reconciliation;
using Tracking.Infrastructure.Attribution;
using Tracking.Infrastructure.Catalog;
using Tracking.Infrastructure.Forwarding;
using Tracking.Infrastructure.Ingress;
using Tracking.Infrastructure.Messaging;
using Tracking.Infrastructure.Persistence;
using Tracking.Infrastructure.Startup;

namespace Tracking.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// The database, the catalog cache, the ingress log, the bus, and the domain's use cases with the ports they need.
    /// Hosts add their consumers through <paramref name="addConsumers"/> (the bus is configured once per process).
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        services.AddOptions<TrackingOptions>().BindConfiguration(TrackingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrackingOptions>, TrackingOptionsValidator>();
        var connectionString = configuration.GetConnectionString("Tracking") ?? SqliteFiles.DefaultConnectionString;
        // An invalid provider stops the start with the options validator's message before any DbContext is made.
        var provider = configuration[$"{TrackingOptions.Section}:Database:Provider"] ?? DatabaseProvider.Sqlite;
        services.AddDbContext<TrackingDbContext>(o => o.UseTrackingDatabase(provider, connectionString));

        services.AddSingleton(TimeProvider.System);
        services.AddMetrics().AddSingleton<TrackingMetrics>();
        services.AddSingleton<Secrets>();
        // First hosted service: later ones (the bus, the ingress log, the worker's jobs) find the schema and secrets ready.
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton<ICatalog, CatalogCache>();
        services.AddSingleton(sp => new ClickIdCodec(sp.GetRequiredService<Secrets>().ClickIdKey));

        services.AddSingleton(new WriteGate(serialize: provider == DatabaseProvider.Sqlite));
        services.AddSingleton<IIngressWriter>(_ => provider switch
        {
            DatabaseProvider.Postgres => new PostgresIngressWriter(connectionString),
            DatabaseProvider.SqlServer => new SqlServerIngressWriter(connectionString),
            _ => new SqliteIngressWriter(connectionString),
        });
        services.AddSingleton<DatabaseLeases>();
        services.AddSingleton<IngressLog>();
        services.AddSingleton<IIngressLog>(sp => sp.GetRequiredService<IngressLog>());

        services.AddScoped<IAttributionStore, EfAttributionStore>();
        services.AddScoped<IReconciliationStore, EfReconciliationStore>();
        services.AddScoped<HitProcessor>();
        services.AddScoped<Reconciler>();
        services.AddSingleton<ReconciliationRunner>();
        services.AddForwarding();

        services.AddTrackingBus(configuration, addConsumers);
        // After the bus: hosted services stop in reverse order, so the ingress log drains and publishes before the bus stops.
        services.AddHostedService(sp => sp.GetRequiredService<IngressLog>());
        return services;
    }
}
