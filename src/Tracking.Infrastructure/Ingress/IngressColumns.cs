using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Ingress;

/// <summary>One column an ingress writer fills: its name, the type stored (enums as their snake_case words), and the value.</summary>
public sealed record IngressColumn<T>(string Name, Type Type, Func<T, object?> Value);

/// <summary>
/// The columns of <c>hits</c> and <c>clicks</c> every ingress writer inserts, in one place; a test compares them with the
/// EF model, so a property added to <see cref="Hit"/> or <see cref="Click"/> cannot be left out of the hot path unnoticed.
/// </summary>
public static class IngressColumns
{
    public static readonly IReadOnlyList<IngressColumn<Hit>> Hits =
    [
        new("id", typeof(string), h => h.Id),
        new("method", typeof(string), h => SnakeCaseEnumConverter<Method>.Name(h.Method)),
        new("channel", typeof(string), h => SnakeCaseEnumConverter<HitChannel>.Name(h.Channel)),
        new("received_at", typeof(DateTime), h => h.ReceivedAt),
        new("offer_id", typeof(int), h => h.OfferId),
        new("affiliate_id", typeof(int), h => h.AffiliateId),
        new("goal", typeof(string), h => h.Goal),
        new("click_id", typeof(string), h => h.ClickId),
        new("click_id_source", typeof(string), h => SnakeCaseEnumConverter<ClickIdSource>.Name(h.ClickIdSource)),
        new("amount", typeof(decimal), h => h.Amount),
        new("currency", typeof(string), h => h.Currency),
        new("order_id", typeof(string), h => h.OrderId),
        new("event_id", typeof(string), h => h.EventId),
        new("status", typeof(string), h => h.Status),
        new("revenue", typeof(decimal), h => h.Revenue),
        new("payout", typeof(decimal), h => h.Payout),
        new("adv1", typeof(string), h => h.Adv1),
        new("adv2", typeof(string), h => h.Adv2),
        new("adv3", typeof(string), h => h.Adv3),
        new("adv4", typeof(string), h => h.Adv4),
        new("adv5", typeof(string), h => h.Adv5),
        new("ip", typeof(string), h => h.Ip),
        new("user_agent", typeof(string), h => h.UserAgent),
        new("outcome", typeof(string), h => h.Outcome),
        new("outcome_detail", typeof(string), h => h.OutcomeDetail),
        new("conversion_id", typeof(string), h => h.ConversionId),
        new("decided_at", typeof(DateTime), h => h.DecidedAt),
        new("is_test", typeof(bool), h => h.IsTest),
    ];

    public static readonly IReadOnlyList<IngressColumn<Click>> Clicks =
    [
        new("id", typeof(string), c => c.Id),
        new("offer_id", typeof(int), c => c.OfferId),
        new("affiliate_id", typeof(int), c => c.AffiliateId),
        new("clicked_at", typeof(DateTime), c => c.ClickedAt),
        new("sub1", typeof(string), c => c.Sub1),
        new("sub2", typeof(string), c => c.Sub2),
        new("sub3", typeof(string), c => c.Sub3),
        new("sub4", typeof(string), c => c.Sub4),
        new("sub5", typeof(string), c => c.Sub5),
        new("source", typeof(string), c => c.Source),
        new("ip", typeof(string), c => c.Ip),
        new("user_agent", typeof(string), c => c.UserAgent),
        new("referrer", typeof(string), c => c.Referrer),
        new("is_test", typeof(bool), c => c.IsTest),
    ];

    public static string Names<T>(IReadOnlyList<IngressColumn<T>> columns) => string.Join(", ", columns.Select(c => c.Name));
}
