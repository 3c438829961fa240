namespace Tracking.Domain.Common;

/// <summary>Reason codes of SPEC section 6: hit outcomes and the <c>reason</c> of ingress 4xx answers.</summary>
public static class Reasons
{
    public const string Converted = "converted";
    public const string Merged = "merged";
    public const string Duplicate = "duplicate";
    public const string StatusUpdated = "status_updated";
    public const string InvalidClickId = "invalid_click_id";
    public const string UnknownClick = "unknown_click";
    public const string ClickExpired = "click_expired";
    public const string OfferMismatch = "offer_mismatch";
    public const string UnknownOffer = "unknown_offer";
    public const string UnknownGoal = "unknown_goal";
    public const string NoClickId = "no_click_id";
    public const string TokenMissing = "token_missing";
    public const string TokenInvalid = "token_invalid";
    public const string IpNotAllowed = "ip_not_allowed";
    public const string SignatureInvalid = "signature_invalid";
    public const string InvalidAmount = "invalid_amount";
    public const string InvalidCurrency = "invalid_currency";
    public const string InvalidStatus = "invalid_status";
    public const string InvalidParameter = "invalid_parameter";
    public const string RateLimited = "rate_limited";
    public const string InvalidBody = "invalid_body";
    public const string BodyTooLarge = "body_too_large";
    public const string Unavailable = "unavailable";
    // Affiliate postback templates (SPEC 5).
    public const string InvalidUrl = "invalid_url";
    public const string UnknownMacro = "unknown_macro";
    public const string InvalidTrigger = "invalid_trigger";
    public const string InvalidHttpMethod = "invalid_http_method";
    public const string InvalidState = "invalid_state";
    public const string SigningSecretMissing = "signing_secret_missing";

    /// <summary>Every code above: what a hit's outcome or a 4xx <c>reason</c> can be.</summary>
    public static IReadOnlySet<string> All { get; } = typeof(Reasons)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Outcomes under which a hit counts toward a conversion.</summary>
    public static bool IsAccepted(string? outcome) =>
        outcome is Converted or Merged or Duplicate or StatusUpdated;
}
