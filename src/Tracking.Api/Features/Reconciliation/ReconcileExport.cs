using System.Diagnostics;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Domain.Conversions;
using Tracking.Domain.Forwarding;
using Tracking.Domain.Reconciliation;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Reconciliation;

/// <summary>
/// Reconciles an offer's conversions of a period against the advertiser's export (issue 11.7), read from <see cref="Csv"/> as it
/// arrives; with <see cref="ApplyStatuses"/>, the export's statuses then replace ours where they differ. Null: no such offer.
/// </summary>
public sealed record ReconcileExport(int OfferId, Stream Csv, ExportColumns Columns, string? From, string? To, string? Goal, bool ApplyStatuses)
    : ICommand<ExportReconciliation?>;

public sealed partial class ReconcileExportHandler(TrackingDbContext db, IConversionEvents events, TimeProvider time, Caller caller,
    ILogger<ReconcileExportHandler> logger)
    : ICommandHandler<ReconcileExport, ExportReconciliation?>
{
    private const int LookupBatch = 500;

    public async ValueTask<ExportReconciliation?> Handle(ReconcileExport command, CancellationToken ct)
    {
        caller.Require(command.ApplyStatuses ? Scope.AdminOrAdvertiser : Scope.AdvertiserSide);
        var (from, to) = QueryValues.Range(command.From, command.To, TimeZoneInfo.Utc);
        var offer = await db.Offers.VisibleTo(caller).Where(o => o.Id == command.OfferId)
            .Select(o => new { o.Id, o.Currency, o.AdvertiserId }).FirstOrDefaultAsync(ct);
        if (offer is null) return null;
        var words = await StatusWordsAsync(offer.AdvertiserId, ct);
        var goals = await GoalsAsync(offer.Id, command.Goal, ct);
        await using var export = await ExportCsvReader.OpenAsync(command.Csv, command.Columns, words, ct);
        var scope = new Period(offer.Id, goals, from, to, export.Layout.ByEventId);
        var comparison = new ExportComparison(offer.Currency);
        var watch = Stopwatch.StartNew();
        await LoadAsync(comparison, scope, ct);
        var loaded = watch.ElapsedMilliseconds;
        var lines = new List<ExportLine>();
        await foreach (var row in export.RowsAsync(ct)) lines.Add(comparison.Match(row));
        var read = watch.ElapsedMilliseconds;
        await MatchOutsidePeriodAsync(comparison, lines, scope, ct);
        lines.AddRange(comparison.MissingInExport());
        var outside = watch.ElapsedMilliseconds;
        var applied = command.ApplyStatuses ? await ApplyAsync(lines, ct) : [];
        LogReconciled(offer.Id, comparison.Conversions, loaded, lines.Count, read - loaded, outside - read, applied.Count, watch.ElapsedMilliseconds - outside);
        return ExportReconciliation.From(offer.Id, from, to, export.Layout.KeyName, lines, applied);
    }

    [LoggerMessage(LogLevel.Information, "Export reconciled for offer {OfferId}: {Conversions} conversions loaded in {LoadMs} ms, "
        + "{Lines} lines compared in {ReadMs} ms, ids outside the period looked up in {OutsideMs} ms, {Applied} statuses applied in {ApplyMs} ms")]
    private partial void LogReconciled(int offerId, int conversions, long loadMs, int lines, long readMs, long outsideMs, int applied, long applyMs);

    /// <summary>
    /// Which conversions the export is compared with: one offer's, of its goals (or the one asked for), created in the period,
    /// tests left out. The goals are named so that a lookup by order id or event id uses the (offer, goal, id) index.
    /// </summary>
    private sealed record Period(int OfferId, string[] Goals, DateTime? From, DateTime? To, bool ByEventId);
}
