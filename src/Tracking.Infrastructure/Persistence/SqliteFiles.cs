using Microsoft.Data.Sqlite;

namespace Tracking.Infrastructure.Persistence;

internal static class SqliteFiles
{
    public const string DefaultConnectionString = "Data Source=data/tracking.db";

    /// <summary>Creates the folder of the SQLite file (the embedded default keeps it under ./data/).</summary>
    public static void EnsureDirectory(string? connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(folder) && source != ":memory:") Directory.CreateDirectory(folder);
    }
}
