using Mediator;
using Tracking.Api.Access;
using Tracking.Infrastructure.Attribution;

namespace Tracking.Api.Features.Reconciliation;

/// <summary>Runs the reconciliation sweep now, after the one another process may be running; answers how many it flagged.</summary>
public sealed record RunReconciliation : ICommand<ReconciliationRun>;

/// <summary>How many one-method conversions the sweep flagged.</summary>
public sealed record ReconciliationRun(int Flagged);

public sealed class RunReconciliationHandler(ReconciliationRunner runner, Caller caller) : ICommandHandler<RunReconciliation, ReconciliationRun>
{
    public async ValueTask<ReconciliationRun> Handle(RunReconciliation command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOnly);
        return new(await runner.RunAsync(ct));
    }
}
