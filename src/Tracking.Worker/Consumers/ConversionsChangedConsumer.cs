using MassTransit;
using Tracking.Domain.Forwarding;
using Tracking.Infrastructure.Messaging;

namespace Tracking.Worker.Consumers;

/// <summary>Hands changed conversions to the delivery planner; planning a conversion again makes nothing twice.</summary>
public sealed class ConversionsChangedConsumer(DeliveryPlanner planner) : IConsumer<ConversionsChanged>
{
    public Task Consume(ConsumeContext<ConversionsChanged> context) =>
        planner.PlanAsync(context.Message.ConversionIds, context.CancellationToken);
}
