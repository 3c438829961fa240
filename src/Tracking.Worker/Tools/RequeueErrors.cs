using RabbitMQ.Client;

namespace Tracking.Worker.Tools;

/// <summary>
/// <c>dotnet run --project src/Tracking.Worker -- requeue-errors [queue...]</c>: moves the messages that were in each
/// <c>{queue}_error</c> when it started back to <c>{queue}</c> (default <c>hits-recorded</c>), without MassTransit's fault
/// headers. Each message is acknowledged in the error queue only after the broker confirmed its copy, so a crash midway
/// duplicates at worst, and a duplicate is a no-op for the worker. See docs/operations/error-queues.md.
/// </summary>
public static class RequeueErrors
{
    public const string Command = "requeue-errors";
    public const string DefaultQueue = "hits-recorded";

    public static async Task<int> RunAsync(string brokerAddress, IReadOnlyList<string> queues, TextWriter output, CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = new Uri(brokerAddress), ClientProvidedName = "tracking requeue-errors" };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        foreach (var queue in queues.Count > 0 ? queues : [DefaultQueue])
        {
            var moved = await MoveAsync(channel, queue, ct);
            await output.WriteLineAsync($"{queue}_error: moved {moved} message(s) back to {queue}");
        }
        return 0;
    }

    private static async Task<int> MoveAsync(IChannel channel, string queue, CancellationToken ct)
    {
        await channel.QueueDeclarePassiveAsync(queue, ct); // The target must exist: never publish into nowhere.
        // Only what is there now: a message that fails again comes back to the error queue and must not loop.
        var waiting = (await channel.QueueDeclarePassiveAsync(queue + "_error", ct)).MessageCount;
        var moved = 0;
        while (moved < waiting && await channel.BasicGetAsync(queue + "_error", autoAck: false, ct) is { } message)
        {
            var properties = new BasicProperties(message.BasicProperties);
            if (properties.Headers is { } headers)
            {
                foreach (var key in headers.Keys.Where(k => k.StartsWith("MT-Fault-") || k == "MT-Reason").ToList()) headers.Remove(key);
            }
            await channel.BasicPublishAsync("", queue, mandatory: true, properties, message.Body, ct);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
            moved++;
        }
        return moved;
    }
}
