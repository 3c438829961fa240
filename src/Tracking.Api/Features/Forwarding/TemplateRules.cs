using Tracking.Api.Http;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;
using Tracking.Domain.Forwarding;

namespace Tracking.Api.Features.Forwarding;

/// <summary>Checks of a template body that need the catalog or the affiliate: the offer, its goal, a secret to sign with.</summary>
public static class TemplateRules
{
    public static async Task RequireScopeAsync(ICatalog catalog, int? offerId, string? goal, CancellationToken ct)
    {
        if (offerId is not { } id) return;
        var offer = await catalog.FindOfferAsync(id, ct) ?? throw new DomainException(Reasons.UnknownOffer, $"offer {id} does not exist.");
        ForwardingTemplate.RequireGoalOf(offer, goal);
    }

    public static void RequireSecret(Affiliate affiliate, bool sign)
    {
        if (sign && affiliate.SigningSecret.Length == 0)
            throw new DomainException(Reasons.SigningSecretMissing,
                $"affiliate {affiliate.Id} has no signing secret yet: POST /api/affiliates/{affiliate.Id}/secret/rotate first.");
    }

    public static Trigger? Trigger(string? text) => QueryValues.Enum<Trigger>(text, Reasons.InvalidTrigger, "trigger");

    public static ForwardingMethod? Method(string? text) => QueryValues.Enum<ForwardingMethod>(text, Reasons.InvalidHttpMethod, "method");

    public static TemplateState? State(string? text) => QueryValues.Enum<TemplateState>(text, Reasons.InvalidState, "state");
}
