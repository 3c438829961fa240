using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tracking.Infrastructure.Limits;

namespace Tracking.Infrastructure.Persistence.Configurations;

internal sealed class RefusedRequestConfiguration : IEntityTypeConfiguration<RefusedRequest>
{
    public void Configure(EntityTypeBuilder<RefusedRequest> b)
    {
        b.ToTable("refused_requests");
        b.HasKey(r => r.Id);
        b.Property(r => r.Endpoint).HasMaxLength(16);
        b.Property(r => r.Partition).HasMaxLength(80);
        b.Property(r => r.SampleUrl).HasMaxLength(RefusedRequest.UrlLength);
        b.Property(r => r.SampleAddress).HasMaxLength(64);
        b.Property(r => r.SampleUserAgent).HasMaxLength(RefusedRequest.UserAgentLength);
        b.HasIndex(r => r.Minute);
    }
}
