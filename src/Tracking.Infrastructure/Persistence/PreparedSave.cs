using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Tracking.Domain.Attribution;
using Tracking.Infrastructure.Reporting;

namespace Tracking.Infrastructure.Persistence;

/// <summary>
/// Saves a unit of work's inserts and updates on SQLite with one prepared statement per kind of change, executed once per
/// row (issue 13, set-based attribution). EF Core's SQLite provider sends every row as a command of its own, and SQLite
/// compiles a table's triggers into every statement it prepares: with the report rollups' triggers that compilation
/// cost ~150 µs per row, more than the row itself. Here a chunk of 64 decided hits prepares about four statements.
/// <para>
/// The values are bound by EF's own type mappings (value converters included), so the stored text is the same as
/// <c>SaveChanges</c> writes. Concurrency tokens are checked as EF does: an update that matches no row is another
/// writer's win, a unique-key violation too; both become <see cref="ConcurrencyConflictException"/>. Values the
/// database generates (identity keys) are not read back: the caller clears its change tracker after the save
/// (<c>EfAttributionStore</c> does).
/// Deletions, and SQL Server, go through <c>SaveChanges</c>; so does PostgreSQL, whose rollups are kept as below too
/// (<see cref="SaveOnPostgresAsync"/>).
/// </para>
/// <para>
/// The report rollups of the conversions and hits it writes are kept by <see cref="ChunkRollups"/>, a few grouped
/// upserts per save, while the transaction's <see cref="ChunkRollups.Marker"/> row tells the rollup triggers to skip them.
/// </para>
/// </summary>
internal static class PreparedSave
{
    public static async Task SaveAsync(TrackingDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var entries = db.ChangeTracker.Entries().Where(e => e.State is not EntityState.Unchanged and not EntityState.Detached).ToList();
        if (entries.Count == 0) return;
        if (entries.Any(e => e.State == EntityState.Deleted || e.Metadata.IsOwned()) || !(db.Database.IsSqlite() || db.Database.IsNpgsql()))
        {
            await db.SaveOrConflictAsync(ct);
            return;
        }
        if (db.Database.IsNpgsql())
        {
            await SaveOnPostgresAsync(db, entries, ct);
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var statements = new Dictionary<string, SqliteCommand>(StringComparer.Ordinal);
            try
            {
                var rollups = RolledUp(entries);
                if (rollups.Any(r => r.Ids.Count > 0))
                {
                    await RunAsync(connection, transaction, "INSERT INTO settings (key, value) VALUES ($key, '')", ("$key", ChunkRollups.Marker), ct);
                    foreach (var (table, ids) in rollups.Where(r => r.Ids.Any(i => i.Counted)))
                        await RunAsync(connection, transaction, Sqlite[table](-1), ("@ids", Json(ids.Where(i => i.Counted))), ct);
                }
                foreach (var entry in InsertOrder(entries.Where(e => e.State == EntityState.Added)))
                    await ExecuteAsync(Insert(entry, statements, connection, transaction), entry, expectRow: false, ct);
                foreach (var entry in entries.Where(e => e.State == EntityState.Modified))
                    await ExecuteAsync(Update(entry, statements, connection, transaction), entry, expectRow: true, ct);
                if (rollups.Any(r => r.Ids.Count > 0))
                {
                    foreach (var (table, ids) in rollups.Where(r => r.Ids.Count > 0)) await RunAsync(connection, transaction, Sqlite[table](1), ("@ids", Json(ids)), ct);
                    await RunAsync(connection, transaction, "DELETE FROM settings WHERE key = $key", ("$key", ChunkRollups.Marker), ct);
                }
            }
            catch (SqliteException ex) when (SaveConflicts.IsConflict(ex))
            {
                throw new ConcurrencyConflictException("Another worker inserted the same key first.", ex);
            }
            finally
            {
                foreach (var statement in statements.Values) await statement.DisposeAsync();
            }
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// PostgreSQL: EF's <c>SaveChanges</c> already sends the chunk in a batch of a few round trips; what it cost per row
    /// was the rollup triggers, three upserts for each conversion inserted and for each hit decided (issue 13). Here the
    /// transaction sets <see cref="ChunkRollups.Postgres.Setting"/>, which the trigger functions read as "skip", and the
    /// rollups are kept by <see cref="ChunkRollups.Postgres"/>: what the updated rows counted comes off before the save,
    /// what the chunk's rows count goes on after it, in one round trip each.
    /// </summary>
    private static async Task SaveOnPostgresAsync(TrackingDbContext db, List<EntityEntry> entries, CancellationToken ct)
    {
        var rollups = RolledUp(entries);
        if (rollups.All(r => r.Ids.Count == 0))
        {
            await db.SaveOrConflictAsync(ct);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        try
        {
            var counted = rollups.Where(r => r.Ids.Any(i => i.Counted)).ToList();
            await RunAsync(connection, transaction, $"SELECT set_config('{ChunkRollups.Postgres.Setting}', 'on', true);"
                + string.Concat(counted.Select(r => Postgres[r.Table](-1))), Arrays(counted, i => i.Counted), ct);
            await db.SaveOrConflictAsync(ct);
            var changed = rollups.Where(r => r.Ids.Count > 0).ToList();
            await RunAsync(connection, transaction, string.Concat(changed.Select(r => Postgres[r.Table](1))), Arrays(changed, _ => true), ct);
        }
        catch (PostgresException ex) when (SaveConflicts.IsConflict(ex))
        {
            throw new ConcurrencyConflictException("Another worker locked or inserted the same rows first.", ex);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// The changed rows of the two tables with rollups: each table's name and its rows' keys, each marked
    /// when the row counts already (an update of a conversion, or of a decided hit), so that what it counted comes off
    /// first. An update is included only when it changes a column the rollups count (the triggers' <c>UPDATE OF</c>
    /// lists), so that forwarding's marker updates rewrite no rollup rows. Undecided hits count nothing: deciding one
    /// only adds.
    /// </summary>
    private static List<(string Table, List<(string Id, bool Counted)> Ids)> RolledUp(List<EntityEntry> entries)
    {
        List<(string, bool)> Of(string table, string[] counted, Func<EntityEntry, bool> countsAlready) => entries
            .Where(e => e.Metadata.GetTableName() == table && (e.State == EntityState.Added
                || e.Properties.Any(p => p.IsModified && counted.Contains(p.Metadata.GetColumnName(), StringComparer.Ordinal))))
            .Select(e => ((string)e.Property(e.Metadata.FindPrimaryKey()!.Properties[0]).OriginalValue!, e.State == EntityState.Modified && countsAlready(e)))
            .ToList();
        return
        [
            ("conversions", Of("conversions", ChunkRollups.ConversionColumnsCounted, _ => true)),
            ("hits", Of("hits", ChunkRollups.HitColumnsCounted,
                e => e.Properties.First(p => p.Metadata.GetColumnName() == "outcome").OriginalValue is not null)),
        ];
    }

    private static readonly Dictionary<string, Func<int, string>> Sqlite = new(StringComparer.Ordinal)
    {
        ["conversions"] = ChunkRollups.Conversions,
        ["hits"] = ChunkRollups.Hits,
    };

    private static readonly Dictionary<string, Func<int, string>> Postgres = new(StringComparer.Ordinal)
    {
        ["conversions"] = ChunkRollups.Postgres.Conversions,
        ["hits"] = ChunkRollups.Postgres.Hits,
    };

    /// <summary>Each table's keys (those <paramref name="include"/> picks) as the text array <c>@conversions</c> or <c>@hits</c>.</summary>
    private static (string, object)[] Arrays(List<(string Table, List<(string Id, bool Counted)> Ids)> rollups, Func<(string Id, bool Counted), bool> include) =>
        [.. rollups.Select(r => ("@" + r.Table, (object)r.Ids.Where(include).Select(i => i.Id).ToArray()))];

    /// <summary>The keys as a JSON array for <c>json_each</c>.</summary>
    private static string Json(IEnumerable<(string Id, bool Counted)> ids) => JsonSerializer.Serialize(ids.Select(i => i.Id));

    private static Task RunAsync(DbConnection connection, IDbContextTransaction transaction, string sql, (string Name, object Value) parameter,
        CancellationToken ct) => RunAsync(connection, transaction, sql, [parameter], ct);

    private static async Task RunAsync(DbConnection connection, IDbContextTransaction transaction, string sql, (string Name, object Value)[] parameters,
        CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecuteAsync((SqliteCommand Command, List<(IProperty Property, bool Original)> Values) statement,
        EntityEntry entry, bool expectRow, CancellationToken ct)
    {
        var (command, values) = statement;
        command.Parameters.Clear();
        for (var i = 0; i < values.Count; i++)
        {
            var (property, original) = values[i];
            var value = original ? entry.Property(property).OriginalValue : entry.Property(property).CurrentValue;
            command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, "@p" + i, value, property.IsNullable));
        }
        var rows = await command.ExecuteNonQueryAsync(ct);
        if (expectRow && rows != 1)
            throw new ConcurrencyConflictException($"Another worker changed {entry.Metadata.DisplayName()} {Key(entry)} first.",
                new DbUpdateConcurrencyException("The row's concurrency token no longer matched."));
    }

    private static (SqliteCommand, List<(IProperty, bool)>) Insert(EntityEntry entry, Dictionary<string, SqliteCommand> statements,
        SqliteConnection connection, IDbContextTransaction transaction)
    {
        var type = entry.Metadata;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        // Values the database generates (identity keys, still temporary here) are left to it.
        var columns = type.GetProperties().Where(p => !entry.Property(p).IsTemporary).Select(p => (Property: p, Original: false)).ToList();
        var sql = new StringBuilder("INSERT INTO ").Append(Quote(table.Name)).Append(" (")
            .AppendJoin(", ", columns.Select(c => Quote(c.Property.GetColumnName(table)!)))
            .Append(") VALUES (").AppendJoin(", ", columns.Select((_, i) => "@p" + i)).Append(')').ToString();
        return (Prepared(sql, statements, connection, transaction), columns);
    }

    private static (SqliteCommand, List<(IProperty, bool)>) Update(EntityEntry entry, Dictionary<string, SqliteCommand> statements,
        SqliteConnection connection, IDbContextTransaction transaction)
    {
        var type = entry.Metadata;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var set = entry.Properties.Where(p => p.IsModified).Select(p => (Property: p.Metadata, Original: false)).ToList();
        var where = type.FindPrimaryKey()!.Properties.Select(p => (Property: p, Original: true))
            .Concat(type.GetProperties().Where(p => p.IsConcurrencyToken).Select(p => (Property: p, Original: true))).ToList();
        var sql = new StringBuilder("UPDATE ").Append(Quote(table.Name)).Append(" SET ")
            .AppendJoin(", ", set.Select((c, i) => $"{Quote(c.Property.GetColumnName(table)!)} = @p{i}"))
            .Append(" WHERE ")
            .AppendJoin(" AND ", where.Select((c, i) => $"{Quote(c.Property.GetColumnName(table)!)} {(c.Property.IsKey() ? "=" : "IS")} @p{set.Count + i}"))
            .ToString();
        return (Prepared(sql, statements, connection, transaction), [.. set, .. where]);
    }

    private static SqliteCommand Prepared(string sql, Dictionary<string, SqliteCommand> statements, SqliteConnection connection,
        IDbContextTransaction transaction)
    {
        if (statements.TryGetValue(sql, out var command)) return command;
        command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
        statements[sql] = command;
        return command;
    }

    /// <summary>Principals before their dependents (a conversion before its status history), so foreign keys hold.</summary>
    private static IEnumerable<EntityEntry> InsertOrder(IEnumerable<EntityEntry> added)
    {
        var pending = added.GroupBy(e => e.Metadata).ToList();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(g => !g.Key.GetForeignKeys()
                .Any(fk => fk.PrincipalEntityType != g.Key && pending.Any(p => p.Key == fk.PrincipalEntityType))) ?? pending[0];
            pending.Remove(ready);
            foreach (var entry in ready) yield return entry;
        }
    }

    private static string Key(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).OriginalValue));

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
