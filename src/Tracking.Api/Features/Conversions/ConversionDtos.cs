using System.Text.Json.Serialization;
using Tracking.Api.Features.Forwarding;
using Tracking.Api.Features.Hits;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;

namespace Tracking.Api.Features.Conversions;

/// <summary>What one method saw of a conversion (SPEC 4.4): its hit, time, amount, currency and status.</summary>
public sealed record MethodSeenDto(string HitId, DateTime? ReceivedAt, decimal? Amount, string? Currency, string? Status);

/// <summary>
/// A conversion as SPEC 7 shows it; <c>awaiting</c> is true while a one-method conversion is within its grace period.
/// <c>revenue</c> is null for an affiliate's key (what the advertiser pays is not the partner's business).
/// </summary>
public sealed record ConversionDto(
    string Id, int OfferId, int? AffiliateId, string Goal, string? ClickId, string? OrderId, string? EventId,
    IReadOnlyList<Method> Methods, MatchKind Match, ConversionStatus Status, decimal? Amount, string? Currency,
    int DuplicateCount, Discrepancy? Discrepancy, string? Explanation, decimal? Revenue, decimal Payout,
    DateTime CreatedAt, DateTime UpdatedAt, bool Awaiting, MethodSeenDto? Pixel, MethodSeenDto? Postback,
    string? Sub1, string? Sub2, string? Sub3, string? Sub4, string? Sub5, string? Source)
{
    /// <summary>A test conversion made by the console: left out of reports and never forwarded.</summary>
    public bool IsTest { get; init; }

    /// <summary>The revenue the postback sent (issue 11.3); when set it is <c>revenue</c>, over the goal's rule. Null for an affiliate's key.</summary>
    public decimal? PostbackRevenue { get; init; }

    /// <summary>The payout the postback sent (advertisers with <c>postback_sets_payout</c>); when set it is <c>payout</c>.</summary>
    public decimal? PostbackPayout { get; init; }

    /// <summary>Issue 11.6: the advertiser's free fields, each kept from the first hit that sent it.</summary>
    public string? Adv1 { get; init; }
    public string? Adv2 { get; init; }
    public string? Adv3 { get; init; }
    public string? Adv4 { get; init; }
    public string? Adv5 { get; init; }
    /// <summary>Issue 11.4: when a held conversion is approved unless its status changes before; null when not held.</summary>
    public DateTime? HoldUntil { get; init; }

    // The single view adds these; lists leave them out.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HitDto>? Hits { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StatusChangeDto>? StatusHistory { get; init; }

    /// <summary>The outbound postbacks of the conversion, with their attempts (SPEC 5).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DeliveryDto>? Deliveries { get; init; }
}

/// <summary>One change of a conversion: its status, and its revenue and payout after it when a postback changed them (issue 11.3).</summary>
public sealed record StatusChangeDto(ConversionStatus? From, ConversionStatus To, DateTime At, string Source, decimal? Revenue, decimal? Payout);
