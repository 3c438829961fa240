using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tracking.Domain.Access;
using Tracking.Domain.Catalog;

namespace Tracking.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(CatalogRules.MaxNameLength);
        b.Property(k => k.Role).HasMaxLength(16);
        b.Property(k => k.KeyHash).HasMaxLength(64);
        b.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength);
        // A key is found by its hash only; the unique index makes that one indexed lookup and two equal hashes impossible.
        b.HasIndex(k => k.KeyHash).IsUnique();
        b.HasOne<Advertiser>().WithMany().HasForeignKey(k => k.AdvertiserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Affiliate>().WithMany().HasForeignKey(k => k.AffiliateId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(k => k.IsRevoked);
    }
}
