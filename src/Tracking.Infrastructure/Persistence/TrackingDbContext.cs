using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Access;
using Tracking.Domain.Catalog;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Forwarding;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Ingress;
using Tracking.Infrastructure.Protection;
using Tracking.Infrastructure.Reporting;

namespace Tracking.Infrastructure.Persistence;

public sealed class TrackingDbContext(DbContextOptions<TrackingDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public const string SqlServerBinaryCollation = "Latin1_General_100_BIN2";

    public DbSet<Advertiser> Advertisers => Set<Advertiser>();
    public DbSet<Affiliate> Affiliates => Set<Affiliate>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<Click> Clicks => Set<Click>();
    public DbSet<Hit> Hits => Set<Hit>();
    public DbSet<Conversion> Conversions => Set<Conversion>();
    public DbSet<StatusChange> StatusChanges => Set<StatusChange>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<ForwardingTemplate> ForwardingTemplates => Set<ForwardingTemplate>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ConversionQuarter> ConversionQuarters => Set<ConversionQuarter>();
    public DbSet<ConversionQuarterTotal> ConversionQuarterTotals => Set<ConversionQuarterTotal>();
    public DbSet<ConversionDay> ConversionDays => Set<ConversionDay>();
    public DbSet<HitQuarter> HitQuarters => Set<HitQuarter>();
    public DbSet<HitDay> HitDays => Set<HitDay>();
    public DbSet<HitQuarterTotal> HitQuarterTotals => Set<HitQuarterTotal>();
    public DbSet<Limits.RefusedRequest> RefusedRequests => Set<Limits.RefusedRequest>();
    /// <summary>Signatures of inbound postbacks already accepted (issue 12.1: replays are refused).</summary>
    public DbSet<SeenSignature> SeenSignatures => Set<SeenSignature>();
    /// <summary>The Data Protection key ring (issue 12.4), shared by every process on the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The converters of the secret columns; null at design time and in schema tests.</summary>
    internal SecretColumns? SecretColumns { get; } = options.FindExtension<SecretColumnsExtension>()?.Columns;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TrackingDbContext).Assembly);
        SecretColumns?.Apply(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        // SQL Server compares case-insensitively by default: order ids "A1" and "a1" would be one dedup key there.
        // A binary collation compares as SQLite, PostgreSQL and the domain's ordinal comparers do.
        if (Database.IsSqlServer()) builder.Properties<string>().UseCollation(SqlServerBinaryCollation);
        builder.Properties<Method>().HaveConversion<SnakeCaseEnumConverter<Method>>().HaveMaxLength(16);
        builder.Properties<HitChannel>().HaveConversion<SnakeCaseEnumConverter<HitChannel>>().HaveMaxLength(16);
        builder.Properties<ClickIdSource>().HaveConversion<SnakeCaseEnumConverter<ClickIdSource>>().HaveMaxLength(16);
        builder.Properties<ExpectedMethods>().HaveConversion<SnakeCaseEnumConverter<ExpectedMethods>>().HaveMaxLength(16);
        builder.Properties<OfferState>().HaveConversion<SnakeCaseEnumConverter<OfferState>>().HaveMaxLength(16);
        builder.Properties<AmountKind>().HaveConversion<SnakeCaseEnumConverter<AmountKind>>().HaveMaxLength(16);
        builder.Properties<ConversionStatus>().HaveConversion<SnakeCaseEnumConverter<ConversionStatus>>().HaveMaxLength(16);
        builder.Properties<MatchKind>().HaveConversion<SnakeCaseEnumConverter<MatchKind>>().HaveMaxLength(16);
        builder.Properties<Discrepancy>().HaveConversion<SnakeCaseEnumConverter<Discrepancy>>().HaveMaxLength(24);
        builder.Properties<KeyKind>().HaveConversion<SnakeCaseEnumConverter<KeyKind>>().HaveMaxLength(16);
        builder.Properties<Trigger>().HaveConversion<SnakeCaseEnumConverter<Trigger>>().HaveMaxLength(16);
        builder.Properties<ForwardingMethod>().HaveConversion<SnakeCaseEnumConverter<ForwardingMethod>>().HaveMaxLength(8);
        builder.Properties<TemplateState>().HaveConversion<SnakeCaseEnumConverter<TemplateState>>().HaveMaxLength(16);
        builder.Properties<DeliveryState>().HaveConversion<SnakeCaseEnumConverter<DeliveryState>>().HaveMaxLength(16);
        builder.Properties<DeliveryKind>().HaveConversion<SnakeCaseEnumConverter<DeliveryKind>>().HaveMaxLength(16);
    }
}
