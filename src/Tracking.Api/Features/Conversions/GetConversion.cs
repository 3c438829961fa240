using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Api.Features.Forwarding;
using Tracking.Api.Features.Hits;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Conversions;

/// <summary>One conversion with every hit that names it, its status history and its deliveries; null when unknown or not the caller's.</summary>
public sealed record GetConversion(string Id) : IQuery<ConversionDto?>;

public sealed class GetConversionHandler(TrackingDbContext db, Caller caller) : IQueryHandler<GetConversion, ConversionDto?>
{
    public async ValueTask<ConversionDto?> Handle(GetConversion query, CancellationToken ct)
    {
        var conversion = await db.Conversions.AsNoTracking().VisibleTo(caller, db.Offers).Include(c => c.History)
            .FirstOrDefaultAsync(c => c.Id == query.Id, ct);
        if (conversion is null) return null;
        var hits = await db.Hits.AsNoTracking().Where(h => h.ConversionId == query.Id)
            .OrderBy(h => h.Id).ProjectToDto().ToListAsync(ct);
        var deliveries = await db.Deliveries.AsNoTracking().Include(d => d.Attempts).Where(d => d.ConversionId == query.Id)
            .OrderBy(d => d.Id).ToListAsync(ct);
        var dto = conversion.ToDto() with
        {
            Hits = hits,
            StatusHistory = conversion.History.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => s.ToDto()).ToList(),
            Deliveries = deliveries.Select(d => d.ToDto()).ToList(),
        };
        return dto.For(caller);
    }
}
