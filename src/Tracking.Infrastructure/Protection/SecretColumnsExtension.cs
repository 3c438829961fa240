using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Protection;

/// <summary>
/// Carries a process's <see cref="SecretColumns"/> to its <see cref="TrackingDbContext"/>, and keys EF's model cache by it:
/// the converters belong to one key ring, so two apps in one process (tests) on two databases build a model each. Contexts
/// made without it (design time, schema tests) have no converters and see the stored text.
/// </summary>
internal sealed class SecretColumnsExtension(SecretColumns columns) : IDbContextOptionsExtension
{
    public SecretColumns Columns => columns;
    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);
    public void ApplyServices(IServiceCollection services) { }
    public void Validate(IDbContextOptions options) { }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => "";
        // The same EF internal services for every app: only the model differs (TrackingModelCacheKeyFactory).
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) { }
    }
}

internal sealed class TrackingModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as TrackingDbContext)?.SecretColumns, designTime);
}

public static class SecretColumnsOptions
{
    /// <summary>Protects the secret columns of contexts made with these options (<see cref="SecretColumns"/>).</summary>
    public static DbContextOptionsBuilder UseSecretColumns(this DbContextOptionsBuilder options, SecretColumns columns)
    {
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new SecretColumnsExtension(columns));
        return options.ReplaceService<IModelCacheKeyFactory, TrackingModelCacheKeyFactory>();
    }
}
