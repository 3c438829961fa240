using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tracking.Domain.Attribution;
using Tracking.Domain.Clicks;
using Tracking.Domain.Reconciliation;
using Tracking.Infrastructure.Attribution;
using Tracking.Infrastructure.Catalog;
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
        // The provider is read through the options, so an invalid one stops the start with the validator's message.
        static string Provider(IServiceProvider sp) => sp.GetRequiredService<IOptions<TrackingOptions>>().Value.Database.Provider;
        services.AddDbContext<TrackingDbContext>((sp, o) => o.UseTrackingDatabase(Provider(sp), connectionString));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Secrets>();
        // First hosted service: later ones (the bus, the ingress log, the worker's jobs) find the schema and secrets ready.
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton<ICatalog, CatalogCache>();
        services.AddSingleton(sp => new ClickIdCodec(sp.GetRequiredService<Secrets>().ClickIdKey));

        services.AddSingleton(sp => new WriteGate(serialize: Provider(sp) == DatabaseProvider.Sqlite));
        services.AddSingleton<IIngressWriter>(sp => Provider(sp) switch
        {
            DatabaseProvider.Postgres => new PostgresIngressWriter(connectionString),
            DatabaseProvider.SqlServer => new SqlServerIngressWriter(connectionString),
            _ => new SqliteIngressWriter(connectionString),
        });
        services.AddSingleton<DatabaseLeases>();
        services.AddSingleton<IngressLog>();
        services.AddSingleton<IIngressLog>(sp => sp.GetRequiredService<IngressLog>());
        services.AddHostedService(sp => sp.GetRequiredService<IngressLog>());

        services.AddScoped<IAttributionStore, EfAttributionStore>();
        services.AddScoped<IReconciliationStore, EfReconciliationStore>();
        services.AddScoped<HitProcessor>();
        services.AddScoped<Reconciler>();
        services.AddSingleton<ReconciliationRunner>();

        services.AddTrackingBus(configuration, addConsumers);
        return services;
    }
}
