using MassTransit;
using Tracking.Domain.Attribution;

namespace Tracking.Worker.Consumers;

public sealed class ConversionsChangedConsumerDefinition : ConsumerDefinition<ConversionsChangedConsumer>
{
    public ConversionsChangedConsumerDefinition() => EndpointName = "conversions-changed";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<ConversionsChangedConsumer> consumer, IRegistrationContext context)
    {
        // Another worker made the same delivery, or the conversion changed while it was planned: plan again from what is stored.
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<ConcurrencyConflictException>();
            r.Intervals(20, 100, 500, 1000, 2000, 5000);
        });
    }
}
