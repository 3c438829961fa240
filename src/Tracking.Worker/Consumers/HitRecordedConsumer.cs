using MassTransit;
using Tracking.Domain.Attribution;
using Tracking.Infrastructure.Messaging;

namespace Tracking.Worker.Consumers;

/// <summary>Hands a recorded hit to the attribution use case; redelivery of a decided hit is a no-op.</summary>
public sealed class HitRecordedConsumer(HitProcessor processor) : IConsumer<HitRecorded>
{
    public Task Consume(ConsumeContext<HitRecorded> context) =>
        processor.ProcessAsync(context.Message.HitId, context.CancellationToken);
}
