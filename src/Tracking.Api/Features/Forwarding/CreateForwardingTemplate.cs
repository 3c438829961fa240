using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Domain.Attribution;
using Tracking.Domain.Forwarding;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Forwarding;

/// <summary>Adds an outbound postback template to an affiliate; null when the affiliate does not exist.</summary>
public sealed record CreateForwardingTemplate(int AffiliateId, ForwardingTemplateFields Fields) : ICommand<ForwardingTemplateDto?>;

public sealed class CreateForwardingTemplateHandler(TrackingDbContext db, ICatalog catalog, TimeProvider time, Caller caller)
    : ICommandHandler<CreateForwardingTemplate, ForwardingTemplateDto?>
{
    public async ValueTask<ForwardingTemplateDto?> Handle(CreateForwardingTemplate command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOrAffiliate);
        var affiliate = await db.Affiliates.VisibleTo(caller).FirstOrDefaultAsync(a => a.Id == command.AffiliateId, ct);
        if (affiliate is null) return null;
        var f = command.Fields;
        await TemplateRules.RequireScopeAsync(catalog, f.OfferId, f.Goal, ct);
        TemplateRules.RequireSecret(affiliate, f.Sign ?? false);
        var template = new ForwardingTemplate(affiliate.Id, f.OfferId, f.Goal, TemplateRules.Trigger(f.Trigger) ?? Trigger.Approved,
            TemplateRules.Method(f.Method) ?? ForwardingMethod.Get, f.Url!, f.ReversalUrl, f.Sign ?? false, time.GetUtcNow().UtcDateTime);
        if (TemplateRules.State(f.State) == TemplateState.Paused) template.Pause("created paused");
        db.ForwardingTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        return template.ToDto();
    }
}
