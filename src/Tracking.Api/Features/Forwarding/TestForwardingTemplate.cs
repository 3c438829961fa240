using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Domain.Forwarding;
using Tracking.Infrastructure.Forwarding;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Forwarding;

/// <summary>
/// Sends one test delivery of a template, built as a real delivery of it would be (macros filled from a
/// <see cref="SampleConversion"/>, GET or POST JSON, signed with the affiliate's secrets when the template signs, a fresh
/// <c>Idempotency-Key</c>) and sent by the same <see cref="DeliverySender"/>. Nothing is stored: no delivery, no attempt, and
/// the template's failure count and state stay as they are, whatever the partner answers. Null when the template is unknown.
/// </summary>
public sealed record TestForwardingTemplate(int AffiliateId, int TemplateId) : ICommand<TemplateTestResult?>;

/// <summary>What was sent (<c>url</c>, <c>body</c>, whether signed, the key) and what came back: a status code or an error, latency, first 1 KB.</summary>
public sealed record TemplateTestResult(int TemplateId, ForwardingMethod Method, string Url, string? Body, bool Signed, string IdempotencyKey,
    int? StatusCode, string? Error, int LatencyMs, string? Response);

public sealed class TestForwardingTemplateHandler(TrackingDbContext db, DeliverySender sender, TimeProvider time, Caller caller)
    : ICommandHandler<TestForwardingTemplate, TemplateTestResult?>
{
    public async ValueTask<TemplateTestResult?> Handle(TestForwardingTemplate command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOrAffiliate);
        var template = await db.ForwardingTemplates.AsNoTracking().VisibleTo(caller)
            .FirstOrDefaultAsync(t => t.Id == command.TemplateId && t.AffiliateId == command.AffiliateId, ct);
        if (template is null) return null;
        var affiliate = await db.Affiliates.AsNoTracking().SingleAsync(a => a.Id == template.AffiliateId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var (url, body) = ForwardingMacros.Request(template, template.Url, SampleConversion.Values(template, now));
        // As the dispatcher signs (DeliveryQueue): the current secret, and the previous one while its grace period lasts.
        IReadOnlyList<string> secrets = template.Sign && affiliate.SigningSecret.Length > 0 ? affiliate.SecretsAt(now) : [];
        var outbound = new OutboundRequest(SampleConversion.NewId(now), template.Method, url, body, secrets);
        var result = await sender.SendAsync(outbound, ct);
        return new TemplateTestResult(template.Id, template.Method, url, body, secrets.Count > 0, outbound.IdempotencyKey,
            result.StatusCode, result.Error, result.LatencyMs, result.Response);
    }
}
