using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tracking.Domain.Forwarding;

namespace Tracking.Infrastructure.Persistence.Configurations;

internal sealed class ForwardingTemplateConfiguration : IEntityTypeConfiguration<ForwardingTemplate>
{
    public void Configure(EntityTypeBuilder<ForwardingTemplate> b)
    {
        // The table keeps the name it was created with: the type is called by its role, the table by its history.
        b.ToTable("postback_templates");
        b.Property(t => t.Goal).HasMaxLength(64);
        b.Property(t => t.Url).HasMaxLength(ForwardingMacros.MaxUrlLength);
        b.Property(t => t.ReversalUrl).HasMaxLength(ForwardingMacros.MaxUrlLength);
        b.Property(t => t.PausedReason).HasMaxLength(256);
        b.HasOne<Domain.Catalog.Affiliate>().WithMany().HasForeignKey(t => t.AffiliateId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => t.AffiliateId);
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> b)
    {
        b.Property(d => d.Id).HasMaxLength(26);
        b.Property(d => d.ConversionId).HasMaxLength(26);
        // Url and Body stay unbounded: filled macros (sub ids, URL-encoded) can make a URL far longer than its template.
        b.Property(d => d.Host).HasMaxLength(256);
        b.Property(d => d.LastError).HasMaxLength(512);
        b.Property(d => d.LockedBy).HasMaxLength(64);
        // A dispatcher writes its result only while its own lease holds.
        b.Property(d => d.LockedBy).IsConcurrencyToken();
        // SPEC 5: one delivery per conversion and template, and one reversal, whatever the hits, workers or replays.
        b.HasIndex(d => new { d.ConversionId, d.TemplateId, d.Kind }).IsUnique();
        // The dispatcher's queue: due pending deliveries, oldest first, skipping full hosts without reading rows; partial.
        b.HasIndex(d => new { d.NextAttemptAt, d.Host }).HasFilter("state = 'pending'").HasDatabaseName("ix_deliveries_due");
        b.HasIndex(d => new { d.TemplateId, d.State });
        b.HasIndex(d => new { d.AffiliateId, d.Id });
        b.HasIndex(d => new { d.OfferId, d.Id });
        b.HasMany(d => d.Attempts).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(d => d.Attempts).HasField("_attempts").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne<Domain.Conversions.Conversion>().WithMany().HasForeignKey(d => d.ConversionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ForwardingTemplate>().WithMany().HasForeignKey(d => d.TemplateId).OnDelete(DeleteBehavior.Restrict)
            .HasConstraintName("fk_deliveries_postback_templates_template_id");
    }
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> b)
    {
        b.Property(a => a.DeliveryId).HasMaxLength(26);
        b.Property(a => a.Error).HasMaxLength(512);
        b.Property(a => a.Response).HasMaxLength(DeliveryAttempt.MaxResponseBytes * 4);
    }
}
