using Microsoft.Data.Sqlite;

namespace Tracking.Testing;

/// <summary>Read-only queries on the SQLite file of a child process (<see cref="HostProcess"/>).</summary>
public static class Database
{
    public static T Scalar<T>(string database, string sql) => Rows(database, sql, r => r.GetFieldValue<T>(0)).Single();

    public static List<T> Rows<T>(string database, string sql, Func<SqliteDataReader, T> read)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
