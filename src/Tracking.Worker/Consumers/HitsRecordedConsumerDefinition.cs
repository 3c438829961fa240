using MassTransit;
using Microsoft.Extensions.Options;
using Tracking.Domain.Attribution;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Messaging;

namespace Tracking.Worker.Consumers;

/// <summary>
/// The <c>hits-recorded</c> queue. The message is acknowledged only when the consumer returns, after its transactions
/// committed; a worker that dies first leaves it to the broker to deliver again. Retries that run out send it to
/// <c>hits-recorded_error</c>; its hits stay undecided in the database, where the relay finds them again.
/// </summary>
public sealed class HitsRecordedConsumerDefinition : ConsumerDefinition<HitsRecordedConsumer>
{
    public HitsRecordedConsumerDefinition(IOptions<TrackingOptions> options)
    {
        EndpointName = HitsRecorded.Queue;
        ConcurrentMessageLimit = options.Value.HitsConcurrency;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<HitsRecordedConsumer> consumer, IRegistrationContext context)
    {
        // (A database that is unreachable is retried for Worker:DatabaseRetryFor on every endpoint: see BusRegistration.)
        // A click still in flight is waited for about a minute (SPEC 4.1).
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<ClickNotYetStoredException>();
            r.Intervals(50, 250, 500, 1000, 2000, 4000, 8000, 15000, 30000);
        });
        // A conflict means another consumer (in this process or another) committed the same key first: retried soon,
        // it reads their rows. A backlog processed in parallel meets many of these, so the waits stay short.
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<ConcurrencyConflictException>();
            r.Intervals(10, 50, 100, 200, 400, 800, 1000, 1000, 2000, 2000, 3000, 5000, 5000, 10000);
        });
    }
}
