using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Domain.Attribution;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Ingress;

/// <summary>A signature of an inbound postback already accepted, kept until its timestamp leaves the tolerance.</summary>
public sealed class SeenSignature
{
    private SeenSignature() { }

    public SeenSignature(string signature, DateTime expiresAt) => (Signature, ExpiresAt) = (signature, expiresAt);

    public string Signature { get; private set; } = "";
    public DateTime ExpiresAt { get; private set; }
}

/// <summary>
/// <see cref="ISignatureLedger"/> over the <c>seen_signatures</c> table: the signature is its primary key, so two API
/// processes given the same request both insert and one loses. Expired rows are deleted at most once a minute per process.
/// </summary>
internal sealed class SignatureLedger(IServiceScopeFactory scopes, WriteGate gate, TimeProvider time) : ISignatureLedger
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);
    private DateTime _nextPrune;

    public async ValueTask<bool> TryClaimAsync(string signature, DateTime expiresAt, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        using var _ = await gate.EnterAsync(ct);
        await PruneAsync(db, ct);
        db.SeenSignatures.Add(new SeenSignature(signature, expiresAt));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (SaveConflicts.IsConflict(ex.InnerException))
        {
            return false;
        }
    }

    private async Task PruneAsync(TrackingDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (now < _nextPrune) return;
        _nextPrune = now + PruneEvery;
        await db.SeenSignatures.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(ct);
    }
}
