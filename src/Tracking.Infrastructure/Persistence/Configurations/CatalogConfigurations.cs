using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tracking.Domain.Catalog;
using Tracking.Infrastructure.Ingress;
using Tracking.Infrastructure.Protection;

namespace Tracking.Infrastructure.Persistence.Configurations;

internal sealed class AdvertiserConfiguration : IEntityTypeConfiguration<Advertiser>
{
    public void Configure(EntityTypeBuilder<Advertiser> b)
    {
        b.Property(a => a.Name).HasMaxLength(CatalogRules.MaxNameLength);
        // Issue 12.4: protected text (Secrets/SecretColumns) and the token's SHA-256 for ingress.
        b.Property(a => a.PostbackToken).HasMaxLength(SecretColumns.MaxLength);
        b.Property(a => a.PostbackTokenHash).HasMaxLength(64);
        b.Property(a => a.SigningSecret).HasMaxLength(SecretColumns.MaxLength);
        b.Property(a => a.PreviousSigningSecret).HasMaxLength(SecretColumns.MaxLength);
        // Rows from before issue 12 keep requiring the token; the sentinel lets EF write an explicit false.
        b.Property(a => a.RequireToken).HasDefaultValue(true).HasSentinel(true);
        b.Property(a => a.AllowedIps).HasMaxLength(8000).HasConversion(new StringListConverter(), StringListConverter.Comparer);
        // Issue 11.2: a small map, read with the advertiser and never queried by word, so one JSON text column.
        b.Property(a => a.StatusWords).HasMaxLength(4000).HasConversion(new StatusWordsConverter(), StatusWordsConverter.Comparer);
    }
}

internal sealed class AffiliateConfiguration : IEntityTypeConfiguration<Affiliate>
{
    public void Configure(EntityTypeBuilder<Affiliate> b)
    {
        b.Property(a => a.Name).HasMaxLength(CatalogRules.MaxNameLength);
        b.Property(a => a.SigningSecret).HasMaxLength(SecretColumns.MaxLength);
        b.Property(a => a.PreviousSigningSecret).HasMaxLength(SecretColumns.MaxLength);
    }
}

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> b)
    {
        b.Property(o => o.Name).HasMaxLength(CatalogRules.MaxNameLength);
        b.Property(o => o.LandingUrl).HasMaxLength(2000);
        b.Property(o => o.Currency).HasMaxLength(3);
        // Issue 11.5: a small map read with the offer, never queried by event, like an advertiser's status words.
        b.Property(o => o.EventGoals).HasMaxLength(8000).HasConversion(new StatusWordsConverter(), StatusWordsConverter.Comparer);
        b.HasOne<Advertiser>().WithMany().HasForeignKey(o => o.AdvertiserId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Goals).WithOne().HasForeignKey(g => g.OfferId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Goals).HasField("_goals").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> b)
    {
        b.Property(g => g.Code).HasMaxLength(64);
        b.Property(g => g.Revenue).HasPrecision(18, 4);
        b.Property(g => g.Payout).HasPrecision(18, 4);
        b.HasIndex(g => new { g.OfferId, g.Code }).IsUnique();
    }
}

internal sealed class SettingConfiguration : IEntityTypeConfiguration<Setting>
{
    public void Configure(EntityTypeBuilder<Setting> b)
    {
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(64);
        b.Property(s => s.Value).HasMaxLength(512);
    }
}

internal sealed class SeenSignatureConfiguration : IEntityTypeConfiguration<SeenSignature>
{
    public void Configure(EntityTypeBuilder<SeenSignature> b)
    {
        b.HasKey(s => s.Signature);
        b.Property(s => s.Signature).HasMaxLength(64);
        b.HasIndex(s => s.ExpiresAt);
    }
}
