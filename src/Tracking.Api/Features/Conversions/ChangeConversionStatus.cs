using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Forwarding;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Conversions;

/// <summary>Sets a conversion's status through the API; the change joins its history with source <c>api</c> and is announced to forwarding.</summary>
public sealed record ChangeConversionStatus(string Id, string? Status) : ICommand<ConversionDto?>;

public sealed class ChangeConversionStatusHandler(TrackingDbContext db, IMediator mediator, IConversionEvents events, TimeProvider time, Caller caller)
    : ICommandHandler<ChangeConversionStatus, ConversionDto?>
{
    public async ValueTask<ConversionDto?> Handle(ChangeConversionStatus command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOrAdvertiser);
        var status = QueryValues.Enum<ConversionStatus>(command.Status, Reasons.InvalidStatus, "status")
            ?? throw new DomainException(Reasons.InvalidStatus, "status is approved, pending or rejected.");
        var conversion = await db.Conversions.VisibleTo(caller, db.Offers).Include(c => c.History).FirstOrDefaultAsync(c => c.Id == command.Id, ct);
        if (conversion is null) return null;
        if (conversion.ChangeStatus(status, time.GetUtcNow().UtcDateTime, "api"))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The worker changed the conversion meanwhile (a merge, a duplicate); the client sends the change again.
                throw new DomainException(Problems.Conflict, $"Conversion {command.Id} changed meanwhile; send the change again.");
            }
            // Approved and reversal postbacks follow the change (SPEC 5); a lost message is swept up by the worker.
            await events.ChangedAsync([conversion.Id], ct);
        }
        return await mediator.Send(new GetConversion(command.Id), ct);
    }
}
