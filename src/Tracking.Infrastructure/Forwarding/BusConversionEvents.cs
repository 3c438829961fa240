using MassTransit;
using Microsoft.Extensions.Logging;
using Tracking.Domain.Forwarding;
using Tracking.Infrastructure.Messaging;

namespace Tracking.Infrastructure.Forwarding;

/// <summary>
/// Publishes <see cref="ConversionsChanged"/>. The change is already committed and the conversions stay marked, so a failed
/// publish is logged and left to the forwarding sweep rather than failing (and redoing) the work that was committed.
/// </summary>
internal sealed partial class BusConversionEvents(IPublishEndpoint publish, ILogger<BusConversionEvents> logger) : IConversionEvents
{
    public async Task ChangedAsync(IReadOnlyList<string> conversionIds, CancellationToken ct)
    {
        try
        {
            await publish.Publish(new ConversionsChanged(conversionIds), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(ex, conversionIds.Count);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Publishing {Count} changed conversions failed; the forwarding sweep will publish them again")]
    private partial void LogPublishFailed(Exception ex, int count);
}
