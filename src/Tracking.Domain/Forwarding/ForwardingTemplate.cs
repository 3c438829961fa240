using Tracking.Domain.Catalog;

namespace Tracking.Domain.Forwarding;

public enum Trigger { Approved, Created }

public enum ForwardingMethod { Get, Post }

public enum TemplateState { Active, Paused }

/// <summary>
/// An affiliate's outbound postback (SPEC 5): global or for one offer, for all goals or one, fired when a conversion is
/// created or becomes approved. A template with a <see cref="ReversalUrl"/> is also called when a conversion it forwarded
/// is rejected afterwards.
/// </summary>
public sealed class ForwardingTemplate
{
    private ForwardingTemplate() { }

    public ForwardingTemplate(int affiliateId, int? offerId, string? goal, Trigger trigger, ForwardingMethod method, string url,
        string? reversalUrl, bool sign, DateTime now)
    {
        AffiliateId = affiliateId;
        CreatedAt = now;
        Change(offerId, goal, trigger, method, url, reversalUrl, sign);
    }

    public int Id { get; private set; }
    public int AffiliateId { get; private set; }
    public int? OfferId { get; private set; }
    public string? Goal { get; private set; }
    public Trigger Trigger { get; private set; }
    public ForwardingMethod Method { get; private set; }
    public string Url { get; private set; } = "";
    public string? ReversalUrl { get; private set; }
    /// <summary>Adds the <c>X-Signature</c> header made with the affiliate's secret.</summary>
    public bool Sign { get; private set; }
    public TemplateState State { get; private set; }
    public string? PausedReason { get; private set; }
    /// <summary>Failed attempts in a row across the template's deliveries; a success resets it.</summary>
    public int ConsecutiveFailures { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public void Change(int? offerId, string? goal, Trigger trigger, ForwardingMethod method, string url, string? reversalUrl, bool sign)
    {
        (OfferId, Goal, Trigger, Method, Sign) = (offerId, goal?.Trim().ToLowerInvariant(), trigger, method, sign);
        Url = ForwardingMacros.RequireTemplate(url, "url");
        ReversalUrl = string.IsNullOrWhiteSpace(reversalUrl) ? null : ForwardingMacros.RequireTemplate(reversalUrl, "reversal_url");
    }

    public void Pause(string reason)
    {
        State = TemplateState.Paused;
        PausedReason = reason;
    }

    /// <summary>Active again: the failure count starts over.</summary>
    public void Resume()
    {
        State = TemplateState.Active;
        PausedReason = null;
        ConsecutiveFailures = 0;
    }

    /// <summary>Whether the template covers a conversion of this offer and goal.</summary>
    public bool Covers(int offerId, string goal) =>
        (OfferId is null || OfferId == offerId) && (Goal is null || Goal == goal);

    public static void RequireGoalOf(OfferInfo offer, string? goal)
    {
        if (goal is not null && !offer.Goals.ContainsKey(goal.Trim().ToLowerInvariant()))
            throw new DomainException(Common.Reasons.UnknownGoal, $"offer {offer.Id} has no goal '{goal}'.");
    }
}
