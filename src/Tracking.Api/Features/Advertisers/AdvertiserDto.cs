using Riok.Mapperly.Abstractions;
using Tracking.Api.Access;
using Tracking.Domain.Catalog;

namespace Tracking.Api.Features.Advertisers;

/// <summary>
/// An advertiser; <c>status_words</c> are its own words over the defaults (issue 11.2), <c>postback_sets_payout</c> whether
/// its postbacks may set the payout (11.3). Issue 12.1: <c>require_token</c>, <c>require_signature</c> and <c>allowed_ips</c>
/// say which checks its postbacks pass; <c>signing_secret</c> keys their <c>X-Tracking-Signature</c>, and after a rotation the
/// previous secret still passes until <c>previous_secret_valid_until</c>.
/// </summary>
public sealed record AdvertiserDto(int Id, string Name, string PostbackToken, DateTime CreatedAt, Dictionary<string, string> StatusWords, bool PostbackSetsPayout)
{
    public bool RequireToken { get; init; } = true;
    public bool RequireSignature { get; init; }
    public List<string> AllowedIps { get; init; } = [];
    public string SigningSecret { get; init; } = "";
    public DateTime? PreviousSecretValidUntil { get; init; }
}

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class AdvertiserMapper
{
    [MapProperty(nameof(Advertiser.PreviousSecretUntil), nameof(AdvertiserDto.PreviousSecretValidUntil))]
    public static partial AdvertiserDto ToDto(this Advertiser advertiser);

    public static partial IQueryable<AdvertiserDto> ProjectToDto(this IQueryable<Advertiser> advertisers);
}

/// <summary>What a caller's role may see of it (issue 10).</summary>
public static class AdvertiserView
{
    /// <summary>The advertiser as <paramref name="caller"/> may see it: an analyst's key reads the token and signing secret masked.</summary>
    public static AdvertiserDto MaskedFor(this AdvertiserDto advertiser, Caller caller) =>
        advertiser with { PostbackToken = caller.Mask(advertiser.PostbackToken), SigningSecret = caller.Mask(advertiser.SigningSecret) };
}
