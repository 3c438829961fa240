using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Tracking.Api.Access;
using Tracking.Api.Http;

namespace Tracking.Api.Features.Reconciliation;

/// <summary>SPEC 7: <c>POST /api/reconciliation/run</c>.</summary>
public static class ReconciliationEndpoints
{
    public static RouteGroupBuilder MapReconciliation(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reconciliation").WithTags("Reconciliation")
            .RequireAuthorization(Policies.Admin).Refuses(Problems.Forbidden);
        group.MapPost("/run", Run).WithName("RunReconciliation").WithSummary("Run the reconciliation sweep now");
        api.MapExportReconciliation();
        return group;
    }

    private static async Task<Ok<ReconciliationRun>> Run(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RunReconciliation(), ct));
}
