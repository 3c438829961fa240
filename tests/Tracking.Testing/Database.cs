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

    /// <summary>
    /// The hits of a SQLite file undecided in the table or still in the ingress log's staging file only (decision 0023),
    /// read in one statement: both counts see the table as of one moment, so a hit moved in between is counted once, not
    /// missed. With <paramref name="countUndecided"/> false, the staged hits alone.
    /// </summary>
    public static int StagedOrUndecided(string database, bool countUndecided = true)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        var undecided = countUndecided ? "(SELECT count(*) FROM main.hits WHERE decided_at IS NULL)" : "0";
        command.CommandText = $"SELECT {undecided}";
        var inbox = Path.GetFullPath(database) + "-inbox";
        if (File.Exists(inbox))
        {
            command.CommandText = "ATTACH DATABASE $inbox AS inbox";
            command.Parameters.AddWithValue("$inbox", inbox);
            command.ExecuteNonQuery();
            command.CommandText = "SELECT count(*) FROM pragma_table_list WHERE schema = 'inbox' AND name = 'hits'";
            command.CommandText = (long)command.ExecuteScalar()! == 0
                ? $"SELECT {undecided}"
                : $"SELECT {undecided} + (SELECT count(*) FROM inbox.hits i WHERE NOT EXISTS (SELECT 1 FROM main.hits h WHERE h.id = i.id))";
        }
        return (int)(long)command.ExecuteScalar()!;
    }
}
