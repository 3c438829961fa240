using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tracking.Domain.Clicks;
using Tracking.Domain.Conversions;
using Tracking.Domain.Hits;

namespace Tracking.Infrastructure.Persistence.Configurations;

internal sealed class ClickConfiguration : IEntityTypeConfiguration<Click>
{
    public void Configure(EntityTypeBuilder<Click> b)
    {
        b.Property(c => c.Id).HasMaxLength(40);
        foreach (var p in new[] { "Sub1", "Sub2", "Sub3", "Sub4", "Sub5", "Source", "UserAgent", "Referrer" }) b.Property(p).HasMaxLength(256);
        b.Property(c => c.Ip).HasMaxLength(64);
        b.HasIndex(c => new { c.OfferId, c.ClickedAt });
    }
}

internal sealed class HitConfiguration : IEntityTypeConfiguration<Hit>
{
    public void Configure(EntityTypeBuilder<Hit> b)
    {
        // The report rollups' triggers (Reporting/ReportRollups.cs): EF must not use OUTPUT/RETURNING forms triggers forbid.
        b.ToTable(t => t.HasTrigger("hits_rollup"));
        b.Property(h => h.Id).HasMaxLength(26);
        b.Property(h => h.Goal).HasMaxLength(64);
        b.Property(h => h.ClickId).HasMaxLength(48);
        b.Property(h => h.Amount).HasPrecision(18, 4);
        b.Property(h => h.Revenue).HasPrecision(18, 4);
        b.Property(h => h.Payout).HasPrecision(18, 4);
        b.Property(h => h.Currency).HasMaxLength(3);
        b.Property(h => h.OrderId).HasMaxLength(128);
        b.Property(h => h.EventId).HasMaxLength(128);
        b.Property(h => h.Status).HasMaxLength(16);
        foreach (var p in new[] { "Adv1", "Adv2", "Adv3", "Adv4", "Adv5", "UserAgent" }) b.Property(p).HasMaxLength(256);
        b.Property(h => h.Ip).HasMaxLength(64);
        b.Property(h => h.Outcome).HasMaxLength(32);
        b.Property(h => h.OutcomeDetail).HasMaxLength(512);
        b.Property(h => h.ConversionId).HasMaxLength(26);
        // The worker's claim on a hit: an update only succeeds while the hit is still undecided.
        b.Property(h => h.DecidedAt).IsConcurrencyToken();
        b.Ignore(h => h.IsDecided);
        b.HasIndex(h => h.DecidedAt).HasFilter("decided_at IS NULL").HasDatabaseName("ix_hits_undecided");
        // Decided hits only (issue 13, "a lean ingress row"): click ids are random keys, so this index cost ingress a page per
        // stored hit. The worker adds the entry when it decides the hit; lookups by click id read undecided hits through
        // ix_hits_undecided (see HitQueries.WithClickId).
        b.HasIndex(h => h.ClickId).HasFilter("decided_at IS NOT NULL").HasDatabaseName("ix_hits_decided_click_id");
        // Hits arrive without a conversion: a partial index costs ingress nothing and the worker one entry.
        b.HasIndex(h => h.ConversionId).HasFilter("conversion_id IS NOT NULL");
        b.HasIndex(h => new { h.OfferId, h.ReceivedAt });
        // Parked cookieless pixels, looked up by the order and event ids of every chunk of postbacks (HitQueries.ParkedWithIdsAsync,
        // decision 0022). Undecided hits have no outcome: ingress inserts pay nothing, the worker one entry per parked pixel.
        b.HasIndex(h => h.OrderId).HasFilter("outcome = 'no_click_id' AND order_id IS NOT NULL").HasDatabaseName("ix_hits_parked_order_id");
        b.HasIndex(h => h.EventId).HasFilter("outcome = 'no_click_id' AND event_id IS NOT NULL").HasDatabaseName("ix_hits_parked_event_id");
        // The hits list filtered by an outcome, newest first (issue 13: a rare outcome read 17.5M hits through the primary key).
        // Undecided hits have none: ingress inserts pay nothing, the worker one entry per decided hit.
        b.HasIndex(h => new { h.Outcome, h.Id }).HasFilter("outcome IS NOT NULL").HasDatabaseName("ix_hits_outcome");
    }
}

internal sealed class ConversionConfiguration : IEntityTypeConfiguration<Conversion>
{
    public void Configure(EntityTypeBuilder<Conversion> b)
    {
        b.ToTable(t => t.HasTrigger("conversions_rollup"));
        b.Property(c => c.Id).HasMaxLength(26);
        b.Property(c => c.Goal).HasMaxLength(64);
        b.Property(c => c.ClickId).HasMaxLength(40);
        foreach (var p in new[] { "Sub1", "Sub2", "Sub3", "Sub4", "Sub5", "Source", "Adv1", "Adv2", "Adv3", "Adv4", "Adv5" }) b.Property(p).HasMaxLength(256);
        b.Property(c => c.OrderId).HasMaxLength(128);
        b.Property(c => c.EventId).HasMaxLength(128);
        b.Property(c => c.DedupKey).HasMaxLength(140);
        foreach (var p in new[] { "Amount", "Revenue", "Payout", "PixelAmount", "PostbackAmount", "PostbackRevenue", "PostbackPayout" }) b.Property(p).HasPrecision(18, 4);
        foreach (var p in new[] { "Currency", "PixelCurrency", "PostbackCurrency" }) b.Property(p).HasMaxLength(3);
        foreach (var p in new[] { "PixelStatus", "PostbackStatus" }) b.Property(p).HasMaxLength(16);
        foreach (var p in new[] { "PixelHitId", "PostbackHitId" }) b.Property(p).HasMaxLength(26);
        b.Property(c => c.Explanation).HasMaxLength(1024);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.Methods);
        b.Ignore(c => c.HasPixel);
        b.Ignore(c => c.HasPostback);
        // SPEC 4.2: hits with the same key are one conversion, forever, across every worker.
        b.HasIndex(c => new { c.OfferId, c.Goal, c.DedupKey }).IsUnique();
        // Only the conversions that have one (decision 0025): a lookup by dedup key cannot be planned on them, and a
        // conversion without the id costs no entry.
        b.HasIndex(c => new { c.OfferId, c.Goal, c.OrderId }).HasFilter("order_id IS NOT NULL");
        b.HasIndex(c => new { c.OfferId, c.Goal, c.EventId }).HasFilter("event_id IS NOT NULL");
        b.HasIndex(c => new { c.ClickId, c.Goal });
        b.HasIndex(c => c.ReconcileDueAt).HasFilter("reconcile_due_at IS NOT NULL");
        b.HasIndex(c => c.CreatedAt);
        // The forwarding sweep looks for conversions whose deliveries were never planned (a lost message).
        b.HasIndex(c => c.ForwardDueAt).HasFilter("forward_due_at IS NOT NULL");
        // The hold job (issue 11.4) reads the held conversions that are due.
        b.HasIndex(c => c.HoldUntil).HasFilter("hold_until IS NOT NULL");
        b.HasMany(c => c.History).WithOne().HasForeignKey(s => s.ConversionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class StatusChangeConfiguration : IEntityTypeConfiguration<StatusChange>
{
    public void Configure(EntityTypeBuilder<StatusChange> b)
    {
        b.Property(s => s.ConversionId).HasMaxLength(26);
        b.Property(s => s.Source).HasMaxLength(64);
        b.Property(s => s.Revenue).HasPrecision(18, 4);
        b.Property(s => s.Payout).HasPrecision(18, 4);
    }
}
