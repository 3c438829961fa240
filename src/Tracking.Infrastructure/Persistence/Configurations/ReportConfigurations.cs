using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tracking.Infrastructure.Reporting;

namespace Tracking.Infrastructure.Persistence.Configurations;

// The rollup tables are written only by the triggers of the ReportRollups and ReportDays migrations (one per provider); EF reads them.

internal sealed class ConversionQuarterConfiguration : IEntityTypeConfiguration<ConversionQuarter>
{
    public void Configure(EntityTypeBuilder<ConversionQuarter> b)
    {
        b.ToTable("report_conversion_quarters");
        b.HasKey(r => new { r.Quarter, r.OfferId, r.AffiliateId, r.Goal, r.IsTest, r.Currency, r.Shard });
        PerOffer(b);
    }

    /// <summary>The per-offer rows' goal, currency and offer index, of quarters and of days alike.</summary>
    public static void PerOffer<T>(EntityTypeBuilder<T> b) where T : ConversionCountsRow
    {
        b.Property<string>("Goal").HasMaxLength(64);
        b.HasIndex("OfferId", "Quarter");
        Money(b);
    }

    public static void Money<T>(EntityTypeBuilder<T> b) where T : ConversionCountsRow => b.Property(r => r.Currency).HasMaxLength(3);
}

internal sealed class ConversionDayConfiguration : IEntityTypeConfiguration<ConversionDay>
{
    public void Configure(EntityTypeBuilder<ConversionDay> b)
    {
        b.ToTable("report_conversion_days");
        b.HasKey(r => new { r.Quarter, r.OfferId, r.AffiliateId, r.Goal, r.IsTest, r.Currency, r.Shard });
        ConversionQuarterConfiguration.PerOffer(b);
    }
}

internal sealed class ConversionQuarterTotalConfiguration : IEntityTypeConfiguration<ConversionQuarterTotal>
{
    public void Configure(EntityTypeBuilder<ConversionQuarterTotal> b)
    {
        b.ToTable("report_conversion_totals");
        b.HasKey(r => new { r.Quarter, r.IsTest, r.Currency, r.Shard });
        ConversionQuarterConfiguration.Money(b);
    }
}

internal sealed class HitQuarterConfiguration : IEntityTypeConfiguration<HitQuarter>
{
    public void Configure(EntityTypeBuilder<HitQuarter> b) => PerOffer(b, "report_hit_quarters");

    /// <summary>The per-offer hit rows, of quarters and of days alike.</summary>
    public static void PerOffer<T>(EntityTypeBuilder<T> b, string table) where T : HitCountsRow
    {
        b.ToTable(table);
        b.HasKey(r => new { r.Quarter, r.OfferId, r.AffiliateId, r.Goal, r.IsTest, r.Outcome, r.Shard });
        b.Property(r => r.Goal).HasMaxLength(64);
        b.Property(r => r.Outcome).HasMaxLength(32);
        b.HasIndex(r => new { r.OfferId, r.Quarter });
    }
}

internal sealed class HitDayConfiguration : IEntityTypeConfiguration<HitDay>
{
    public void Configure(EntityTypeBuilder<HitDay> b) => HitQuarterConfiguration.PerOffer(b, "report_hit_days");
}

internal sealed class HitQuarterTotalConfiguration : IEntityTypeConfiguration<HitQuarterTotal>
{
    public void Configure(EntityTypeBuilder<HitQuarterTotal> b)
    {
        b.ToTable("report_hit_totals");
        b.HasKey(r => new { r.Quarter, r.IsTest, r.Outcome, r.Shard });
        b.Property(r => r.Outcome).HasMaxLength(32);
    }
}
