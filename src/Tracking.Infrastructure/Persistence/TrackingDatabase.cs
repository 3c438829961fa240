using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tracking.Infrastructure.Persistence;

/// <summary>
/// The database of this process: <c>Tracking:Database:Provider</c> (validated at start) and <c>ConnectionStrings:Tracking</c>
/// (only SQLite has a default: a file under ./data/).
/// </summary>
internal sealed record TrackingDatabase(string Provider, string ConnectionString)
{
    public static TrackingDatabase From(IServiceProvider services) => new(
        services.GetRequiredService<IOptions<TrackingOptions>>().Value.Database.Provider,
        services.GetRequiredService<IConfiguration>().GetConnectionString("Tracking") ?? SqliteSettings.DefaultConnectionString);
}
