using Microsoft.EntityFrameworkCore;
using Tracking.Api.Http;
using Tracking.Domain.Catalog;
using Tracking.Domain.Conversions;
using Tracking.Domain.Reconciliation;

namespace Tracking.Api.Features.Reconciliation;

public sealed partial class ReconcileExportHandler
{
    /// <summary>The history source of a status the export set.</summary>
    public const string HistorySource = "reconciliation";

    private const int ApplyBatch = 500;

    /// <summary>
    /// Gives each matched conversion whose status differs the export's status, as <c>PATCH /api/conversions/{id}</c> does
    /// (<see cref="Conversion.ChangeStatus"/>: an entry in its history, forwarding due), all in one transaction, then announces
    /// the changed conversions to forwarding. A conversion changed meanwhile is a 409 and nothing is applied.
    /// </summary>
    private async Task<HashSet<string>> ApplyAsync(List<ExportLine> lines, CancellationToken ct)
    {
        var wanted = lines.Where(l => l.Outcome == ExportOutcome.Matched && l.Differences.HasFlag(ExportDifferences.Status))
            .ToDictionary(l => l.Ours!.Id, l => l.Theirs!.Status!.Value, StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        if (wanted.Count == 0) return changed;
        var now = time.GetUtcNow().UtcDateTime;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var batch in wanted.Keys.Chunk(ApplyBatch))
            {
                var conversions = await db.Conversions.Where(c => batch.Contains(c.Id)).ToListAsync(ct);
                foreach (var c in conversions)
                    if (c.ChangeStatus(wanted[c.Id], now, HistorySource)) changed.Add(c.Id);
                await SaveAsync(ct);
                db.ChangeTracker.Clear();
            }
            await transaction.CommitAsync(ct);
        }
        // Approved and reversal postbacks follow the changes (SPEC 5); a lost message is swept up by the worker.
        foreach (var batch in changed.Chunk(ApplyBatch)) await events.ChangedAsync(batch, ct);
        return changed;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(Problems.Conflict, "A conversion changed while the export's statuses were applied; nothing was applied. Upload the file again.");
        }
    }
}
