using Microsoft.EntityFrameworkCore;
using Tracking.Infrastructure.Persistence;

namespace Tracking.IntegrationTests.Support;

/// <summary>DbContexts configured as the hosts configure them, outside any host.</summary>
public static class Databases
{
    /// <summary>Connection strings that are never opened: enough to build the model and script the migrations offline.</summary>
    public static readonly IReadOnlyDictionary<string, string> Offline = new Dictionary<string, string>
    {
        [DatabaseProvider.Sqlite] = "Data Source=offline.db",
        [DatabaseProvider.Postgres] = "Host=offline.invalid;Database=tracking",
        [DatabaseProvider.SqlServer] = "Server=offline.invalid;Database=tracking;TrustServerCertificate=true",
    };

    public static TrackingDbContext Context(string provider, string? connectionString = null)
    {
        var options = new DbContextOptionsBuilder<TrackingDbContext>();
        options.UseTrackingDatabase(provider, connectionString ?? Offline[provider]);
        return new TrackingDbContext(options.Options);
    }
}
