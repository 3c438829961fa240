using Tracking.Infrastructure.Attribution;

namespace Tracking.Api.Management;

public static class ReconciliationApi
{
    public static RouteGroupBuilder MapReconciliation(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reconciliation").WithTags("Reconciliation");
        group.MapPost("/run", Run).WithName("RunReconciliation");
        return group;
    }

    /// <summary>Runs the sweep now and tells how many one-method conversions it flagged.</summary>
    private static async Task<IResult> Run(ReconciliationRunner runner, CancellationToken ct) =>
        Results.Json(new RunResult(await runner.RunAsync(ct)));

    private sealed record RunResult(int Flagged);
}
