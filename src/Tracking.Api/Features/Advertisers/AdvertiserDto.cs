using Riok.Mapperly.Abstractions;
using Tracking.Domain.Catalog;

namespace Tracking.Api.Features.Advertisers;

public sealed record AdvertiserDto(int Id, string Name, string PostbackToken, DateTime CreatedAt);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class AdvertiserMapper
{
    public static partial AdvertiserDto ToDto(this Advertiser advertiser);

    public static partial IQueryable<AdvertiserDto> ProjectToDto(this IQueryable<Advertiser> advertisers);
}
