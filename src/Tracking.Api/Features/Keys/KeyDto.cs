using System.Text.Json.Serialization;
using Riok.Mapperly.Abstractions;
using Tracking.Domain.Access;

namespace Tracking.Api.Features.Keys;

/// <summary>An API key as lists show it: its prefix (the first 12 characters), never the key, which is stored only as a hash.</summary>
public sealed record KeyDto(
    int Id, string Prefix, string Name, string Role, int? AdvertiserId, int? AffiliateId, DateTime CreatedAt, DateTime? LastUsedAt,
    DateTime? RevokedAt)
{
    /// <summary>The key itself: in the answer that created it, and never again.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }
}

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class KeyMapper
{
    [MapperIgnoreTarget(nameof(KeyDto.Key))]
    public static partial KeyDto ToDto(this ApiKey key);

    public static partial IQueryable<KeyDto> ProjectToDto(this IQueryable<ApiKey> keys);
}
