using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Infrastructure.Conversions;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Conversions;

/// <summary>Sets a conversion's status through the API; the change joins its history with source <c>api</c> and is announced to forwarding.</summary>
public sealed record ChangeConversionStatus(string Id, string? Status) : ICommand<ConversionDto?>;

public sealed class ChangeConversionStatusHandler(TrackingDbContext db, IMediator mediator, StatusChanges changes, Caller caller)
    : ICommandHandler<ChangeConversionStatus, ConversionDto?>
{
    /// <summary>The history source of a change made through the API, one conversion or many.</summary>
    public const string Source = "api";

    public async ValueTask<ConversionDto?> Handle(ChangeConversionStatus command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOrAdvertiser);
        var status = ParseStatus(command.Status);
        var conversion = await db.Conversions.VisibleTo(caller, db.Offers).FirstOrDefaultAsync(c => c.Id == command.Id, ct);
        if (conversion is null) return null;
        IReadOnlyList<string> changed;
        try
        {
            changed = await changes.SaveAsync([conversion], (c, now) => c.ChangeStatus(status, now, Source), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The worker changed the conversion meanwhile (a merge, a duplicate, the hold); the client sends the change again.
            throw new DomainException(Problems.Conflict, $"Conversion {command.Id} changed meanwhile; send the change again.");
        }
        // Approved and reversal postbacks follow the change (SPEC 5).
        await changes.AnnounceAsync(changed, ct);
        return await mediator.Send(new GetConversion(command.Id), ct);
    }

    public static ConversionStatus ParseStatus(string? status) =>
        QueryValues.Enum<ConversionStatus>(status, Reasons.InvalidStatus, "status")
            ?? throw new DomainException(Reasons.InvalidStatus, "status is approved, pending or rejected.");
}
