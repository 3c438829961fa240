using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Catalog;
using Tracking.Domain.Conversions;
using Tracking.Domain.Reconciliation;

namespace Tracking.Api.Features.Reconciliation;

public sealed partial class ReconcileExportHandler
{
    /// <summary>The advertiser's own status words, which the export's status column is read with, as a postback's status is.</summary>
    private async Task<IReadOnlyDictionary<string, ConversionStatus>?> StatusWordsAsync(int advertiserId, CancellationToken ct)
    {
        var words = await db.Advertisers.AsNoTracking().Where(a => a.Id == advertiserId).Select(a => a.StatusWords).FirstOrDefaultAsync(ct);
        return words is null ? null : AdvertiserInfo.From(advertiserId, "", words, false).StatusWords;
    }

    /// <summary>The offer's goal codes, or the one asked for (a goal the offer does not have matches nothing).</summary>
    private async Task<string[]> GoalsAsync(int offerId, string? goal, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(goal)) return [goal.Trim().ToLowerInvariant()];
        return await db.Offers.AsNoTracking().Where(o => o.Id == offerId).SelectMany(o => o.Goals.Select(g => g.Code)).ToArrayAsync(ct);
    }

    /// <summary>Holds the period's conversions that have the id the export is matched on, in the (goal, id) index's order: no sort.</summary>
    private async Task LoadAsync(ExportComparison comparison, Period period, CancellationToken ct)
    {
        var query = Conversions(period);
        if (period.From is { } from) query = query.Where(c => c.CreatedAt >= from);
        if (period.To is { } to) query = query.Where(c => c.CreatedAt < to);
        await foreach (var conversion in Project(query, period.ByEventId).AsAsyncEnumerable().WithCancellation(ct))
            comparison.Add(conversion);
    }

    /// <summary>
    /// A line whose id is not among the period's conversions may name a conversion made just outside the period (another
    /// tracker's clock, a time zone): those are looked up by id and matched, so that they do not read as missing here.
    /// </summary>
    private async Task MatchOutsidePeriodAsync(ExportComparison comparison, List<ExportLine> lines, Period period, CancellationToken ct)
    {
        if (period.From is null && period.To is null) return;
        var missing = Enumerable.Range(0, lines.Count).Where(i => lines[i].Outcome == ExportOutcome.MissingHere).ToList();
        var keys = missing.Select(i => lines[i].Theirs!.Key).Distinct(StringComparer.Ordinal).ToList();
        var outside = Conversions(period);
        outside = (period.From, period.To) switch
        {
            ({ } f, { } t) => outside.Where(c => c.CreatedAt < f || c.CreatedAt >= t),
            ({ } f, null) => outside.Where(c => c.CreatedAt < f),
            _ => outside.Where(c => c.CreatedAt >= period.To!.Value),
        };
        foreach (var batch in keys.Chunk(LookupBatch))
        {
            var query = period.ByEventId ? outside.Where(c => batch.Contains(c.EventId!)) : outside.Where(c => batch.Contains(c.OrderId!));
            await foreach (var conversion in Project(query, period.ByEventId).AsAsyncEnumerable().WithCancellation(ct))
                comparison.Add(conversion, inPeriod: false);
        }
        foreach (var i in missing) lines[i] = comparison.Match(lines[i].Theirs!);
    }

    private IQueryable<Conversion> Conversions(Period period)
    {
        var goals = period.Goals;
        return db.Conversions.AsNoTracking().Where(c => c.OfferId == period.OfferId && goals.Contains(c.Goal) && !c.IsTest);
    }

    private static IQueryable<OurConversion> Project(IQueryable<Conversion> query, bool byEventId) => byEventId
        ? query.Where(c => c.EventId != null).Select(c => new OurConversion(c.Id, c.Goal, c.EventId!, c.Amount, c.Currency, c.Status, c.CreatedAt))
        : query.Where(c => c.OrderId != null).Select(c => new OurConversion(c.Id, c.Goal, c.OrderId!, c.Amount, c.Currency, c.Status, c.CreatedAt));
}
