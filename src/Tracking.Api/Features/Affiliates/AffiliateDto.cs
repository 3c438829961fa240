using System.Text.Json.Serialization;
using Riok.Mapperly.Abstractions;
using Tracking.Api.Access;
using Tracking.Domain.Catalog;

namespace Tracking.Api.Features.Affiliates;

public sealed record AffiliateDto(int Id, string Name, DateTime CreatedAt)
{
    /// <summary>The signing secret of outbound postbacks: shown once, when the affiliate is created or the secret rotated.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SigningSecret { get; init; }

    /// <summary>After a rotation: until when requests also carry a signature made with the previous secret.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? PreviousSecretValidUntil { get; init; }
}

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class AffiliateMapper
{
    [UserMapping(Default = true)]
    [MapperIgnoreTarget(nameof(AffiliateDto.SigningSecret))]
    [MapperIgnoreTarget(nameof(AffiliateDto.PreviousSecretValidUntil))]
    public static partial AffiliateDto ToDto(this Affiliate affiliate);

    public static partial IQueryable<AffiliateDto> ProjectToDto(this IQueryable<Affiliate> affiliates);

    /// <summary>The affiliate with its current secret, for the two answers that show it.</summary>
    [UserMapping(Ignore = true)]
    public static AffiliateDto WithSecret(this Affiliate affiliate) =>
        affiliate.ToDto() with { SigningSecret = affiliate.SigningSecret, PreviousSecretValidUntil = affiliate.PreviousSecretUntil };
}

/// <summary>What a caller's role may see of it (issue 10).</summary>
public static class AffiliateView
{
    /// <summary>
    /// The affiliate as a read shows it to <paramref name="caller"/>: the affiliate's own key sees its signing secret, an
    /// analyst's key sees it masked, the admin sees it only when it is made (create, rotate).
    /// </summary>
    public static AffiliateDto For(this Affiliate affiliate, Caller caller) => caller.Role switch
    {
        Roles.Affiliate => affiliate.WithSecret(),
        Roles.Analyst when affiliate.SigningSecret.Length > 0 => affiliate.ToDto() with { SigningSecret = caller.Mask(affiliate.SigningSecret) },
        _ => affiliate.ToDto(),
    };
}
