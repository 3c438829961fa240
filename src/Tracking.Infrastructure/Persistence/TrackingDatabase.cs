using System.Data.Common;
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
    /// <summary>
    /// Npgsql's automatic preparation, unless the connection string sets it: a statement run twice on a connection is
    /// prepared there, so PostgreSQL parses and plans it once. The worker runs the same few dozen statements for every chunk;
    /// preparing them cut PostgreSQL's CPU per decided conversion by about half (docs/benchmarks.md, "Prepared statements").
    /// </summary>
    public const string PostgresAutoPrepare = "Max Auto Prepare=256;Auto Prepare Min Usages=2";

    public static TrackingDatabase From(IServiceProvider services)
    {
        var provider = services.GetRequiredService<IOptions<TrackingOptions>>().Value.Database.Provider;
        var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString("Tracking") ?? SqliteSettings.DefaultConnectionString;
        return new(provider, provider == DatabaseProvider.Postgres ? WithAutoPrepare(connectionString) : connectionString);
    }

    /// <summary>The connection string with <see cref="PostgresAutoPrepare"/> added, unless it sets either setting itself.</summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var sets = given.Keys.Cast<string>().Any(key =>
            key.Replace(" ", "", StringComparison.Ordinal).Contains("autoprepare", StringComparison.OrdinalIgnoreCase));
        return sets || connectionString.Length == 0 ? connectionString : connectionString.TrimEnd(';') + ";" + PostgresAutoPrepare;
    }
}
