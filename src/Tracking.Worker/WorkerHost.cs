using Microsoft.AspNetCore.Builder;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Operations;
using Tracking.Worker.Tools;

namespace Tracking.Worker;

/// <summary>The worker as a process of its own (<c>dotnet run --project src/Tracking.Worker</c>), with health and metrics endpoints.</summary>
public static class WorkerHost
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [RequeueErrors.Command, .. var queues]) return await RequeueErrorsAsync(queues);
        var builder = WebApplication.CreateSlimBuilder(args);
        var health = HealthAddress.Choose(builder.Configuration);
        builder.AddTrackingOperations("tracking-worker", defaultUrls: health?.Urls);
        builder.Services.AddDomain();
        builder.Services.AddInfrastructure(builder.Configuration, bus => bus.AddWorkerConsumers());
        builder.Services.AddWorker();
        await using var app = builder.Build();
        app.MapTrackingOperations();
        if (health is not null)
        {
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkerHost));
            app.Lifetime.ApplicationStarted.Register(() => log.LogInformation("{Listening}", health.Describe(app.Urls)));
        }
        await app.RunAsync();
        return 0;
    }

    private static async Task<int> RequeueErrorsAsync(string[] queues)
    {
        var configuration = Host.CreateApplicationBuilder().Configuration;
        var broker = configuration.GetConnectionString("RabbitMq");
        if (string.IsNullOrWhiteSpace(broker))
        {
            await Console.Error.WriteLineAsync("requeue-errors needs ConnectionStrings__RabbitMq (the broker address).");
            return 2;
        }
        return await RequeueErrors.RunAsync(broker, queues, Console.Out, CancellationToken.None);
    }
}
