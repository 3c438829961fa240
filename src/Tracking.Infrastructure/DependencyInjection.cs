using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tracking.Domain;
using Tracking.Domain.Attribution;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Reconciliation;
using Tracking.Infrastructure.Attribution;
using Tracking.Infrastructure.Catalog;
using Tracking.Infrastructure.Conversions;
using Tracking.Infrastructure.Forwarding;
using Tracking.Infrastructure.Ingress;
using Tracking.Infrastructure.Messaging;
using Tracking.Infrastructure.Persistence;
using Tracking.Infrastructure.Protection;
using Tracking.Infrastructure.Startup;

namespace Tracking.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// The domain's own services (<see cref="DomainServices"/>), one per unit of work. Written here because the domain
    /// references no dependency-injection library (its architecture test); each host calls it beside the others.
    /// </summary>
    public static IServiceCollection AddDomain(this IServiceCollection services)
    {
        foreach (var service in DomainServices.Scoped) services.AddScoped(service);
        return services;
    }

    /// <summary>
    /// The options, the database, the catalog cache, the ingress log, the bus, and the ports the domain's use cases need.
    /// Hosts add their consumers through <paramref name="addConsumers"/> (the bus is configured once per process).
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        services.AddOptions<TrackingOptions>().BindConfiguration(TrackingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrackingOptions>, TrackingOptionsValidator>();
        // Resolved after the options are validated: an invalid provider stops the start with the validator's message.
        services.AddSingleton(TrackingDatabase.From);
        services.AddDbContext<TrackingDbContext>((sp, o) =>
        {
            var database = sp.GetRequiredService<TrackingDatabase>();
            o.UseTrackingDatabase(database.Provider, database.ConnectionString).UseSecretColumns(sp.GetRequiredService<SecretColumns>());
        });

        services.AddSingleton(TimeProvider.System);
        services.AddMetrics().AddSingleton<TrackingMetrics>();
        services.AddSingleton<Secrets>();
        // First hosted service: later ones (the bus, the ingress log, the worker's jobs) find the schema and secrets ready.
        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService<SqliteCheckpointer>();
        // After the initializer: Data Protection's own hosted service loads the key ring, which needs the schema and the first key.
        services.AddSecretsAtRest();
        services.AddSingleton<ICatalog, CatalogCache>();
        services.AddSingleton<ISignatureLedger, SignatureLedger>();
        services.AddSingleton(sp => new ClickIdCodec(sp.GetRequiredService<Secrets>().ClickIdKey));

        services.AddSingleton(sp => new WriteGate(serialize: sp.GetRequiredService<TrackingDatabase>().Provider == DatabaseProvider.Sqlite));
        services.AddSingleton(IngressWriter);
        services.AddSingleton<DatabaseLeases>();
        services.AddSingleton<IngressLog>();
        services.AddSingleton<IIngressLog>(sp => sp.GetRequiredService<IngressLog>());

        services.AddScoped<IAttributionStore, EfAttributionStore>();
        services.AddScoped<IReconciliationStore, EfReconciliationStore>();
        services.AddSingleton<ReconciliationRunner>();
        services.AddScoped<StatusChanges>();
        services.AddSingleton<HoldRunner>();
        services.AddSingleton<Retention.HitPruner>();
        services.AddForwarding();

        services.AddTrackingBus(configuration, addConsumers);
        // After the bus: hosted services stop in reverse order, so the ingress log drains and publishes before the bus stops.
        services.AddHostedService(sp => sp.GetRequiredService<IngressLog>());
        return services;
    }

    private static IIngressWriter IngressWriter(IServiceProvider services) => IngressWriters.For(services.GetRequiredService<TrackingDatabase>());
}
