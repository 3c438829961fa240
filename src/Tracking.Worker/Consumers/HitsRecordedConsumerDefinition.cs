using MassTransit;
using Microsoft.Extensions.Options;
using Tracking.Domain.Attribution;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Messaging;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Worker.Consumers;

/// <summary>
/// The <c>hits-recorded</c> queue. The message is acknowledged only when the consumer returns, after its transactions
/// committed; a worker that dies first leaves it to the broker to deliver again. Retries that run out send it to
/// <c>hits-recorded_error</c>; its hits stay undecided in the database, where the relay finds them again.
/// </summary>
public sealed class HitsRecordedConsumerDefinition : ConsumerDefinition<HitsRecordedConsumer>
{
    private static readonly TimeSpan LongestDatabaseWait = TimeSpan.FromSeconds(15);
    private readonly TimeSpan _databaseRetryFor;

    public HitsRecordedConsumerDefinition(IOptions<TrackingOptions> options)
    {
        EndpointName = HitsRecorded.Queue;
        ConcurrentMessageLimit = options.Value.Worker.ConcurrentMessageLimit;
        _databaseRetryFor = options.Value.Worker.DatabaseRetryFor;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<HitsRecordedConsumer> consumer, IRegistrationContext context)
    {
        // The database unreachable (restart, failover, network): the message waits, retried with growing pauses for
        // Worker:DatabaseRetryFor, while the rest of the queue waits in the broker.
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientFailures.IsTransient);
            r.Intervals(TransientFailures.Backoff(_databaseRetryFor, LongestDatabaseWait));
        });
        // A click still in flight is waited for about a minute (SPEC 4.1); a conflict with another worker is retried at once.
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<ClickNotYetStoredException>();
            r.Handle<ConcurrencyConflictException>();
            r.Intervals(50, 250, 500, 1000, 2000, 4000, 8000, 15000, 30000);
        });
    }
}
