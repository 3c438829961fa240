using MassTransit;
using Tracking.Domain.Attribution;
using Tracking.Infrastructure.Messaging;

namespace Tracking.Worker.Consumers;

/// <summary>Hands a batch of recorded hits to the attribution use case; redelivery of decided hits is a no-op.</summary>
public sealed class HitsRecordedConsumer(HitProcessor processor) : IConsumer<HitsRecorded>
{
    public Task Consume(ConsumeContext<HitsRecorded> context) =>
        processor.ProcessAsync(context.Message.HitIds, context.CancellationToken);
}
