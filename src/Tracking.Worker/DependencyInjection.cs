using MassTransit;
using Tracking.Worker.Consumers;
using Tracking.Worker.Jobs;

namespace Tracking.Worker;

public static class DependencyInjection
{
    /// <summary>The worker's consumers, for the one <c>AddMassTransit</c> of the hosting process.</summary>
    public static void AddWorkerConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<HitsRecordedConsumer, HitsRecordedConsumerDefinition>();
        bus.AddConsumer<ConversionsChangedConsumer, ConversionsChangedConsumerDefinition>();
    }

    /// <summary>The worker's background jobs: the hit relay, the reconciliation sweep, the hold job, the forwarding sweep and the delivery dispatcher.</summary>
    public static IServiceCollection AddWorker(this IServiceCollection services)
    {
        services.AddHostedService<HitRelay>();
        services.AddHostedService<ReconciliationJob>();
        services.AddHostedService<HoldJob>();
        services.AddHostedService<RetentionJob>();
        services.AddHostedService<ForwardingSweep>();
        services.AddHostedService<DeliveryDispatcher>();
        return services;
    }
}
