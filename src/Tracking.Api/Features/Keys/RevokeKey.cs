using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Keys;

/// <summary>Revokes a key at once: its next request, and its console session, are refused. False when there is no such key.</summary>
public sealed record RevokeKey(int Id) : ICommand<bool>;

public sealed class RevokeKeyHandler(TrackingDbContext db, TimeProvider time, Caller caller) : ICommandHandler<RevokeKey, bool>
{
    public async ValueTask<bool> Handle(RevokeKey command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOnly);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == command.Id, ct);
        if (key is null) return false;
        key.Revoke(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
