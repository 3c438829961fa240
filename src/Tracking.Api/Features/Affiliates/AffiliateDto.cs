using Riok.Mapperly.Abstractions;
using Tracking.Domain.Catalog;

namespace Tracking.Api.Features.Affiliates;

public sealed record AffiliateDto(int Id, string Name, DateTime CreatedAt);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class AffiliateMapper
{
    public static partial AffiliateDto ToDto(this Affiliate affiliate);

    public static partial IQueryable<AffiliateDto> ProjectToDto(this IQueryable<Affiliate> affiliates);
}
