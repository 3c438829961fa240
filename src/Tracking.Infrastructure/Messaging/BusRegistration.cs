using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Messaging;

/// <summary>
/// The one <c>AddMassTransit</c> of a process: the in-memory transport for the embedded default, RabbitMQ when API and
/// workers run apart (docs/decisions/0007). Publisher confirms stay on (MassTransit's default for RabbitMQ): a publish
/// completes only once the broker has the message on disk.
/// </summary>
internal static class BusRegistration
{
    public static IServiceCollection AddTrackingBus(this IServiceCollection services, IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? addConsumers)
    {
        var transport = TrackingOptions.ForRegistration(configuration).Bus.Transport;
        services.AddMassTransit(bus =>
        {
            // A self-hosted tracker reports nothing to third parties.
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            addConsumers?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((context, _, endpoint) => RetryWhileTheDatabaseIsDown(context, endpoint));
            if (transport == BusOptions.RabbitMq)
            {
                bus.AddConfigureEndpointsCallback((context, _, endpoint) => ConfigureQueue(context, endpoint));
                bus.UsingRabbitMq((context, cfg) => ConfigureRabbitMq(context, cfg, configuration));
            }
            else
            {
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
        return services;
    }

    private static void ConfigureRabbitMq(IBusRegistrationContext context, IRabbitMqBusFactoryConfigurator cfg, IConfiguration configuration)
    {
        // Read first: validation then reports a missing broker address with every other invalid setting.
        var options = context.GetRequiredService<IOptions<TrackingOptions>>().Value;
        var address = configuration.GetConnectionString("RabbitMq");
        if (string.IsNullOrWhiteSpace(address)) throw new InvalidOperationException(TrackingOptionsValidator.MissingBroker);
        // amqp://user:password@host:port/vhost: MassTransit reads the credentials and the virtual host from the address.
        cfg.Host(new Uri(address), h => h.PublisherConfirmation = true);
        cfg.PrefetchCount = options.Worker.PrefetchCount;
        // The publisher declares the worker's queue and binds its message exchange to it: an API that starts before any
        // worker ever ran would otherwise publish into an exchange bound to nothing, and the broker drops that. (The
        // worker's own binding goes through the queue's exchange; a message reaching one queue twice is enqueued once.)
        var exchange = cfg.MessageTopology.GetMessageTopology<HitsRecorded>().EntityName;
        cfg.Publish<HitsRecorded>(p => p.BindQueue(exchange, HitsRecorded.Queue, q =>
        {
            q.Durable = true;
            q.AutoDelete = false;
            if (options.Bus.QuorumQueues) q.SetQuorumQueue();
        }));
        cfg.ConfigureEndpoints(context);
    }

    /// <summary>
    /// Every consumer: the database unreachable (restart, failover, network) makes the message wait, retried with waits
    /// doubling from 1 s to 15 s for <c>Worker:DatabaseRetryFor</c>, while the rest of the queue waits in the broker.
    /// Other failures keep the consumer's own retry policy.
    /// </summary>
    private static void RetryWhileTheDatabaseIsDown(IRegistrationContext context, IReceiveEndpointConfigurator endpoint)
    {
        var horizon = context.GetRequiredService<IOptions<TrackingOptions>>().Value.Worker.DatabaseRetryFor;
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientFailures.IsTransient);
            r.Intervals(TransientFailures.Backoff(horizon, TimeSpan.FromSeconds(15)));
        });
    }

    /// <summary>Every receive queue durable and, where wanted, a quorum queue (replicated; its <c>_error</c> queue follows).</summary>
    private static void ConfigureQueue(IRegistrationContext context, IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is not IRabbitMqReceiveEndpointConfigurator rabbit) return;
        rabbit.Durable = true;
        rabbit.AutoDelete = false;
        if (context.GetRequiredService<IOptions<TrackingOptions>>().Value.Bus.QuorumQueues) rabbit.SetQuorumQueue();
    }
}
