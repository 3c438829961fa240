using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Conversions;

/// <summary>
/// Issue 11.6: every conversion the list's filters select, newest first, for the CSV export. The query is built (and its
/// filters checked, so a bad one still answers 400) before anything is written; the rows are then streamed, not paged.
/// </summary>
public sealed record ExportConversions(ConversionFilter Filter) : IQuery<IAsyncEnumerable<ConversionDto>>;

public sealed class ExportConversionsHandler(TrackingDbContext db, Caller caller) : IQueryHandler<ExportConversions, IAsyncEnumerable<ConversionDto>>
{
    public ValueTask<IAsyncEnumerable<ConversionDto>> Handle(ExportConversions query, CancellationToken ct)
    {
        var visible = db.Conversions.AsNoTracking().VisibleTo(caller, db.Offers);
        var rows = ListConversionsHandler.Filter(visible, query.Filter, cursor: null).OrderByDescending(c => c.Id).AsAsyncEnumerable();
        return ValueTask.FromResult(Map(rows, ct));
    }

    private async IAsyncEnumerable<ConversionDto> Map(IAsyncEnumerable<Domain.Conversions.Conversion> rows,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var c in rows.WithCancellation(ct)) yield return c.ToDto().For(caller);
    }
}
