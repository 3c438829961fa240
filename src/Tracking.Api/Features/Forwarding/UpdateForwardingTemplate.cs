using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Domain.Attribution;
using Tracking.Domain.Forwarding;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Forwarding;

/// <summary>
/// Changes a template; <c>state</c> pauses it (its waiting deliveries wait) or resumes it (they are sent at once, with a
/// fresh retry window). Deliveries already made keep the URL they were made with.
/// </summary>
public sealed record UpdateForwardingTemplate(int AffiliateId, int Id, ForwardingTemplateFields Fields) : ICommand<ForwardingTemplateDto?>;

public sealed class UpdateForwardingTemplateHandler(TrackingDbContext db, ICatalog catalog, TimeProvider time, Caller caller)
    : ICommandHandler<UpdateForwardingTemplate, ForwardingTemplateDto?>
{
    public async ValueTask<ForwardingTemplateDto?> Handle(UpdateForwardingTemplate command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOrAffiliate);
        var template = await db.ForwardingTemplates.VisibleTo(caller).FirstOrDefaultAsync(t => t.Id == command.Id && t.AffiliateId == command.AffiliateId, ct);
        if (template is null) return null;
        var f = command.Fields;
        var (offerId, goal, sign) = (f.OfferId ?? template.OfferId, f.Goal ?? template.Goal, f.Sign ?? template.Sign);
        await TemplateRules.RequireScopeAsync(catalog, offerId, goal, ct);
        TemplateRules.RequireSecret((await db.Affiliates.FindAsync([template.AffiliateId], ct))!, sign);
        template.Change(offerId, goal, TemplateRules.Trigger(f.Trigger) ?? template.Trigger, TemplateRules.Method(f.Method) ?? template.Method,
            f.Url ?? template.Url, f.ReversalUrl ?? template.ReversalUrl, sign);
        var state = TemplateRules.State(f.State);
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (state == TemplateState.Paused && template.State == TemplateState.Active)
        {
            template.Pause("paused through the API");
            await db.Deliveries.Where(d => d.TemplateId == template.Id && d.State == DeliveryState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Paused), ct);
        }
        else if (state == TemplateState.Active && template.State == TemplateState.Paused)
        {
            template.Resume();
            await db.Deliveries.Where(d => d.TemplateId == template.Id && d.State == DeliveryState.Paused)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Pending)
                    .SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.RetryingSince, now), ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return template.ToDto();
    }
}
