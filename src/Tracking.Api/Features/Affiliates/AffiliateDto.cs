using System.Text.Json.Serialization;
using Riok.Mapperly.Abstractions;
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
