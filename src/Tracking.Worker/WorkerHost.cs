using Tracking.Infrastructure;

namespace Tracking.Worker;

/// <summary>The worker as a process of its own (<c>dotnet run --project src/Tracking.Worker</c>).</summary>
public static class WorkerHost
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddInfrastructure(builder.Configuration, bus => bus.AddWorkerConsumers());
        builder.Services.AddWorker();
        await builder.Build().RunAsync();
    }
}
