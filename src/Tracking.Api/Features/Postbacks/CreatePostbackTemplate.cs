using Mediator;
using Tracking.Domain.Attribution;
using Tracking.Domain.Forwarding;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Postbacks;

/// <summary>Adds an outbound postback template to an affiliate; null when the affiliate does not exist.</summary>
public sealed record CreatePostbackTemplate(int AffiliateId, PostbackTemplateFields Fields) : ICommand<PostbackTemplateDto?>;

public sealed class CreatePostbackTemplateHandler(TrackingDbContext db, ICatalog catalog, TimeProvider time)
    : ICommandHandler<CreatePostbackTemplate, PostbackTemplateDto?>
{
    public async ValueTask<PostbackTemplateDto?> Handle(CreatePostbackTemplate command, CancellationToken ct)
    {
        var affiliate = await db.Affiliates.FindAsync([command.AffiliateId], ct);
        if (affiliate is null) return null;
        var f = command.Fields;
        await TemplateRules.RequireScopeAsync(catalog, f.OfferId, f.Goal, ct);
        TemplateRules.RequireSecret(affiliate, f.Sign ?? false);
        var template = new PostbackTemplate(affiliate.Id, f.OfferId, f.Goal, TemplateRules.Trigger(f.Trigger) ?? Trigger.Approved,
            TemplateRules.Method(f.Method) ?? PostbackMethod.Get, f.Url!, f.ReversalUrl, f.Sign ?? false, time.GetUtcNow().UtcDateTime);
        if (TemplateRules.State(f.State) == TemplateState.Paused) template.Pause("created paused");
        db.PostbackTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        return template.ToDto();
    }
}
