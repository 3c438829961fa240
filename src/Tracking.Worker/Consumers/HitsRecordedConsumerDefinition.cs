using MassTransit;
using Microsoft.Extensions.Options;
using Tracking.Domain.Attribution;
using Tracking.Infrastructure;

namespace Tracking.Worker.Consumers;

public sealed class HitsRecordedConsumerDefinition : ConsumerDefinition<HitsRecordedConsumer>
{
    public HitsRecordedConsumerDefinition(IOptions<TrackingOptions> options)
    {
        EndpointName = "hits-recorded";
        ConcurrentMessageLimit = options.Value.Worker.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<HitsRecordedConsumer> consumer, IRegistrationContext context)
    {
        // A click still in flight is waited for about a minute (SPEC 4.1); a conflict with another worker is retried at once.
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<ClickNotYetStoredException>();
            r.Handle<ConcurrencyConflictException>();
            r.Intervals(50, 250, 500, 1000, 2000, 4000, 8000, 15000, 30000);
        });
    }
}
