using Microsoft.AspNetCore.Builder;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Operations;

namespace Tracking.Worker;

/// <summary>The worker as a process of its own (<c>dotnet run --project src/Tracking.Worker</c>), with health and metrics endpoints.</summary>
public static class WorkerHost
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.AddTrackingOperations("tracking-worker", defaultUrls: "http://localhost:5100");
        builder.Services.AddInfrastructure(builder.Configuration, bus => bus.AddWorkerConsumers());
        builder.Services.AddWorker();
        await using var app = builder.Build();
        app.MapTrackingOperations();
        await app.RunAsync();
    }
}
