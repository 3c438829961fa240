using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Domain.Catalog;
using Tracking.Domain.Conversions;
using Tracking.Infrastructure.Conversions;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Conversions;

/// <summary>
/// Issue 11.8: one status for many conversions, chosen by id or by the list's filter, at most <see cref="Max"/> at a time.
/// Each conversion changes as <see cref="ChangeConversionStatus"/> changes one (history source <c>api</c>, forwarding fired
/// once per conversion by the planner), a chunk of <see cref="Chunk"/> per transaction.
/// </summary>
public sealed record ChangeConversionStatuses(string? Status, IReadOnlyList<string>? Ids, ConversionFilter? Filter) : ICommand<BulkStatusResult>;

/// <summary>What a bulk change did: of the conversions asked for, how many changed, already had the status, or were not found.</summary>
public sealed record BulkStatusResult(ConversionStatus Status, int Changed, int Unchanged, int NotFound, IReadOnlyList<string> NotFoundIds);

public sealed class ChangeConversionStatusesHandler(TrackingDbContext db, StatusChanges changes, Caller caller)
    : ICommandHandler<ChangeConversionStatuses, BulkStatusResult>
{
    public const int Max = 1000;
    public const string InvalidSelection = "invalid_selection";
    public const string TooMany = "too_many_conversions";
    private const int Chunk = 100;
    private const int Tries = 3;

    public async ValueTask<BulkStatusResult> Handle(ChangeConversionStatuses command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOrAdvertiser);
        var status = ChangeConversionStatusHandler.ParseStatus(command.Status);
        var ids = await SelectAsync(command, ct);
        var (found, changed) = (new HashSet<string>(StringComparer.Ordinal), 0);
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var (seen, done) = await ChangeAsync(chunk, status, ct);
            found.UnionWith(seen);
            changed += done.Count;
            await changes.AnnounceAsync(done, ct);
        }
        var missing = ids.Where(id => !found.Contains(id)).ToList();
        return new BulkStatusResult(status, changed, found.Count - changed, missing.Count, missing);
    }

    private async Task<IReadOnlyList<string>> SelectAsync(ChangeConversionStatuses command, CancellationToken ct)
    {
        if ((command.Ids is null) == (command.Filter is null))
            throw new DomainException(InvalidSelection, "Send either ids (a list of conversion ids) or filter (the filters of GET /api/conversions).");
        if (command.Ids is { } given)
        {
            var ids = given.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0) throw new DomainException(InvalidSelection, "ids is empty.");
            return ids.Count <= Max ? ids : throw TooManyException(ids.Count);
        }
        var visible = db.Conversions.AsNoTracking().VisibleTo(caller, db.Offers);
        var matched = await ListConversionsHandler.Filter(visible, command.Filter!, null).OrderBy(c => c.Id).Select(c => c.Id).Take(Max + 1).ToListAsync(ct);
        return matched.Count <= Max ? matched : throw TooManyException(null);
    }

    private static DomainException TooManyException(int? count) => new(TooMany,
        $"{(count is null ? "More than " + Max + " conversions match the filter" : count + " ids were sent")}; at most {Max} change at a time: narrow the filter or send fewer ids.");

    /// <summary>One chunk in one transaction; when another writer changed one of them meanwhile, the chunk is read and changed again.</summary>
    private async Task<(IReadOnlyList<string> Found, IReadOnlyList<string> Changed)> ChangeAsync(string[] chunk, ConversionStatus status, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var conversions = await db.Conversions.VisibleTo(caller, db.Offers).Where(c => chunk.Contains(c.Id)).ToListAsync(ct);
            try
            {
                var changed = await changes.SaveAsync(conversions, (c, now) => c.ChangeStatus(status, now, ChangeConversionStatusHandler.Source), ct);
                return (conversions.Select(c => c.Id).ToList(), changed);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Tries)
            {
                // The worker changed one of them meanwhile (a merge, the hold): read them all again and decide again.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new DomainException(Problems.Conflict, "Conversions kept changing while this request ran; send the change again.");
            }
        }
    }
}
