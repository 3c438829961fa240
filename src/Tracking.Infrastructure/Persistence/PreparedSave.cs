using System.Collections.Concurrent;
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
/// On PostgreSQL the same changes go as one batch of array statements (<see cref="SaveOnPostgresAsync"/>).
/// Deletions, owned types and SQL Server go through <c>SaveChanges</c>, after the guard when there is one.
/// </para>
/// <para>
/// The report rollups of the conversions and hits it writes are kept by <see cref="ChunkRollups"/>, a few grouped
/// upserts per save, while the transaction's <see cref="ChunkRollups.Marker"/> row tells the rollup triggers to skip them.
/// </para>
/// </summary>
internal static class PreparedSave
{
    /// <param name="guard">
    /// Run inside the save's transaction before any write, to lock and check what concurrent writers could have changed
    /// meanwhile (it throws <see cref="ConcurrencyConflictException"/>). SQLite's writers take turns at its one write lock,
    /// so the caller passes none there.
    /// </param>
    public static async Task SaveAsync(TrackingDbContext db, CancellationToken ct, Func<CancellationToken, Task>? guard = null)
    {
        // Entries() detects the changes itself (nothing here turns AutoDetectChangesEnabled off): one pass over the
        // tracked entities, where an explicit DetectChanges before it made two.
        var entries = db.ChangeTracker.Entries().Where(e => e.State is not EntityState.Unchanged and not EntityState.Detached).ToList();
        if (entries.Count == 0) return;
        if (entries.Any(e => e.State == EntityState.Deleted || e.Metadata.IsOwned()) || !(db.Database.IsSqlite() || db.Database.IsNpgsql()))
        {
            await SaveChangesAsync(db, guard, ct);
            return;
        }
        if (db.Database.IsNpgsql())
        {
            await SaveOnPostgresAsync(db, entries, guard, ct);
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

    /// <summary>EF's <c>SaveChanges</c> (SQL Server, deletions, owned types), in a transaction of its own when there is a guard to run first.</summary>
    private static async Task SaveChangesAsync(TrackingDbContext db, Func<CancellationToken, Task>? guard, CancellationToken ct)
    {
        if (guard is null)
        {
            await db.SaveOrConflictAsync(ct);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await guard(ct);
        await db.SaveOrConflictAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// PostgreSQL: the whole save is one batch, sent in one round trip inside the transaction (issue 13, set-based
    /// attribution). The chunk's inserts of one table become one <c>INSERT … SELECT * FROM unnest(…)</c>, its updates of one
    /// table and set of columns one <c>UPDATE … FROM unnest(…)</c>, each column's values an array parameter: a chunk of 64
    /// decided hits is about four statements instead of EF's ~130. An update that matched fewer rows than it carries met a
    /// concurrency token another writer changed (or a row it deleted); a unique-key violation is another writer's insert;
    /// both become <see cref="ConcurrencyConflictException"/>, and the transaction is not committed. The rollups are kept
    /// as on SQLite: the transaction sets <see cref="ChunkRollups.Postgres.Setting"/>, which the trigger functions read as
    /// "skip", what the updated rows counted comes off before the writes and what the chunk's rows count goes on after them.
    /// </summary>
    private static async Task SaveOnPostgresAsync(TrackingDbContext db, List<EntityEntry> entries, Func<CancellationToken, Task>? guard, CancellationToken ct)
    {
        var rollups = RolledUp(entries);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (guard is not null) await guard(ct);
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        var rolledUp = rollups.Any(r => r.Ids.Count > 0);
        if (rolledUp)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT set_config('{ChunkRollups.Postgres.Setting}', 'on', true)"));
            AddRollups(batch, rollups, -1, i => i.Counted);
        }
        foreach (var rows in InsertOrder(entries.Where(e => e.State == EntityState.Added)).GroupBy(e => (e.Metadata, Columns: string.Join(",", Inserted(e).Select(p => p.Name)))))
            batch.BatchCommands.Add(InsertRows([.. rows]));
        var updates = new List<(NpgsqlBatchCommand Command, List<EntityEntry> Rows)>();
        foreach (var rows in entries.Where(e => e.State == EntityState.Modified)
                     .GroupBy(e => (e.Metadata, Columns: string.Join(",", e.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name)))))
        {
            var sorted = rows.OrderBy(Key, StringComparer.Ordinal).ToList();
            updates.Add((UpdateRows(sorted), sorted));
            batch.BatchCommands.Add(updates[^1].Command);
        }
        if (rolledUp) AddRollups(batch, rollups, 1, _ => true);
        try
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException ex) when (SaveConflicts.IsConflict(ex))
        {
            throw new ConcurrencyConflictException("Another worker locked or inserted the same rows first.", ex);
        }
        foreach (var (command, rows) in updates)
            if (command.RecordsAffected != rows.Count)
                throw new ConcurrencyConflictException($"Another worker changed {rows.Count - command.RecordsAffected} of {rows.Count} {rows[0].Metadata.DisplayName()} rows first.",
                    new DbUpdateConcurrencyException("A row's concurrency token no longer matched."));
        await transaction.CommitAsync(ct);
    }

    /// <summary>Each rollup table's grouped upserts for the rows <paramref name="include"/> picks, counted with <paramref name="sign"/>.</summary>
    private static void AddRollups(NpgsqlBatch batch, List<(string Table, List<(string Id, bool Counted)> Ids)> rollups, int sign,
        Func<(string Id, bool Counted), bool> include)
    {
        foreach (var (table, ids) in rollups)
        {
            var picked = ids.Where(include).Select(i => i.Id).ToArray();
            if (picked.Length == 0) continue;
            foreach (var sql in Postgres[table](sign))
                batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { new NpgsqlParameter("@" + table, picked) } });
        }
    }

    /// <summary>The columns an insert writes: all but those the database generates (identity keys, still temporary here).</summary>
    private static List<IProperty> Inserted(EntityEntry entry) => [.. entry.Metadata.GetProperties().Where(p => !entry.Property(p).IsTemporary)];

    private static NpgsqlBatchCommand InsertRows(List<EntityEntry> rows)
    {
        var table = Table(rows[0]);
        var columns = Inserted(rows[0]);
        var command = new NpgsqlBatchCommand(new StringBuilder("INSERT INTO ").Append(Quote(table)).Append(" (")
            .AppendJoin(", ", columns.Select(p => Quote(p.GetColumnName(table)!)))
            .Append(") SELECT * FROM unnest(").AppendJoin(", ", columns.Select((_, i) => "@p" + i)).Append(')').ToString());
        for (var i = 0; i < columns.Count; i++) command.Parameters.Add(new NpgsqlParameter("@p" + i, Column(rows, columns[i], original: false)));
        return command;
    }

    /// <summary>The rows' new values of their modified columns, matched by key and concurrency tokens (original values).</summary>
    private static NpgsqlBatchCommand UpdateRows(List<EntityEntry> rows)
    {
        var type = rows[0].Metadata;
        var table = Table(rows[0]);
        var set = rows[0].Properties.Where(p => p.IsModified).Select(p => (Property: p.Metadata, Original: false)).ToList();
        var where = type.FindPrimaryKey()!.Properties.Select(p => (Property: p, Original: true))
            .Concat(type.GetProperties().Where(p => p.IsConcurrencyToken).Select(p => (Property: p, Original: true))).ToList();
        List<(IProperty Property, bool Original)> values = [.. set, .. where];
        var sql = new StringBuilder("UPDATE ").Append(Quote(table)).Append(" AS t SET ")
            .AppendJoin(", ", set.Select((c, i) => $"{Quote(c.Property.GetColumnName(table)!)} = v.c{i}"))
            .Append(" FROM unnest(").AppendJoin(", ", values.Select((_, i) => "@p" + i)).Append(") AS v(")
            .AppendJoin(", ", values.Select((_, i) => "c" + i)).Append(") WHERE ")
            .AppendJoin(" AND ", where.Select((c, i) => $"t.{Quote(c.Property.GetColumnName(table)!)} {(c.Property.IsKey() ? "=" : "IS NOT DISTINCT FROM")} v.c{set.Count + i}"));
        var command = new NpgsqlBatchCommand(sql.ToString());
        for (var i = 0; i < values.Count; i++) command.Parameters.Add(new NpgsqlParameter("@p" + i, Column(rows, values[i].Property, values[i].Original)));
        return command;
    }

    /// <summary>
    /// One column of the rows as a typed array (<c>string[]</c>, <c>int?[]</c>, <c>DateTime?[]</c>, …), each value converted by
    /// the property's own value converter, as <c>SaveChanges</c> would bind it; Npgsql sends it as the matching array type,
    /// and PostgreSQL assigns it to the column's type (varchar(n), numeric(18,4)) as it assigns a single parameter.
    /// </summary>
    private static Array Column(List<EntityEntry> rows, IProperty property, bool original)
    {
        var mapping = property.GetRelationalTypeMapping();
        var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        if (type.IsValueType && Nullable.GetUnderlyingType(type) is null) type = typeof(Nullable<>).MakeGenericType(type);
        var values = Array.CreateInstance(type, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var value = original ? rows[i].Property(property).OriginalValue : rows[i].Property(property).CurrentValue;
            values.SetValue(value is null || mapping.Converter is null ? value : mapping.Converter.ConvertToProvider(value), i);
        }
        return values;
    }

    private static StoreObjectIdentifier Table(EntityEntry entry) => StoreObjectIdentifier.Table(entry.Metadata.GetTableName()!, entry.Metadata.GetSchema());

    private static string Quote(StoreObjectIdentifier table) => (table.Schema is null ? "" : Quote(table.Schema) + ".") + Quote(table.Name);

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

    private static readonly Dictionary<string, Func<int, string[]>> Postgres = new(StringComparer.Ordinal)
    {
        ["conversions"] = ChunkRollups.Postgres.Conversions,
        ["hits"] = ChunkRollups.Postgres.Hits,
    };

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

    private static async Task ExecuteAsync((SqliteCommand Command, IReadOnlyList<(IProperty Property, bool Original)> Values) statement,
        EntityEntry entry, bool expectRow, CancellationToken ct)
    {
        var (command, values) = statement;
        command.Parameters.Clear();
        PropertyValues? current = null, originals = null;
        for (var i = 0; i < values.Count; i++)
        {
            var (property, original) = values[i];
            var value = original ? (originals ??= entry.OriginalValues)[property] : (current ??= entry.CurrentValues)[property];
            command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, P(i), value, property.IsNullable));
        }
        var rows = await command.ExecuteNonQueryAsync(ct);
        if (expectRow && rows != 1)
            throw new ConcurrencyConflictException($"Another worker changed {entry.Metadata.DisplayName()} {Key(entry)} first.",
                new DbUpdateConcurrencyException("The row's concurrency token no longer matched."));
    }

    private static readonly string[] Names = [.. Enumerable.Range(0, 128).Select(i => "@p" + i)];

    private static string P(int i) => i < Names.Length ? Names[i] : "@p" + i;

    /// <summary>
    /// One kind of change: its SQL and the values it binds, in order. Built once per entity type and set of columns (the
    /// temporary ones left out of an insert, the modified ones of an update) and kept for the life of the process: a
    /// chunk's rows share a handful of shapes, and building the text from EF's metadata per row was 4 % of the worker's
    /// CPU (docs/benchmarks.md).
    /// </summary>
    private sealed record Shape(string Sql, IReadOnlyList<(IProperty Property, bool Original)> Values);

    private static readonly ConcurrentDictionary<(IEntityType Type, bool Update, ulong Columns), Shape> Shapes = new();

    private static (SqliteCommand, IReadOnlyList<(IProperty, bool)>) Insert(EntityEntry entry, Dictionary<string, SqliteCommand> statements,
        SqliteConnection connection, IDbContextTransaction transaction)
    {
        var type = entry.Metadata;
        // Values the database generates (identity keys, still temporary here) are left to it.
        var columns = type.GetProperties().Where(p => !entry.Property(p).IsTemporary).ToList();
        var shape = Cached(type, update: false, columns, () =>
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var sql = new StringBuilder("INSERT INTO ").Append(Quote(table.Name)).Append(" (")
                .AppendJoin(", ", columns.Select(c => Quote(c.GetColumnName(table)!)))
                .Append(") VALUES (").AppendJoin(", ", columns.Select((_, i) => P(i))).Append(')').ToString();
            return new Shape(sql, [.. columns.Select(p => (p, false))]);
        });
        return (Prepared(shape, statements, connection, transaction), shape.Values);
    }

    private static (SqliteCommand, IReadOnlyList<(IProperty, bool)>) Update(EntityEntry entry, Dictionary<string, SqliteCommand> statements,
        SqliteConnection connection, IDbContextTransaction transaction)
    {
        var type = entry.Metadata;
        var modified = entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata).ToList();
        var shape = Cached(type, update: true, modified, () =>
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var set = modified.Select(p => (Property: p, Original: false)).ToList();
            var where = type.FindPrimaryKey()!.Properties.Select(p => (Property: p, Original: true))
                .Concat(type.GetProperties().Where(p => p.IsConcurrencyToken).Select(p => (Property: p, Original: true))).ToList();
            var sql = new StringBuilder("UPDATE ").Append(Quote(table.Name)).Append(" SET ")
                .AppendJoin(", ", set.Select((c, i) => $"{Quote(c.Property.GetColumnName(table)!)} = {P(i)}"))
                .Append(" WHERE ")
                .AppendJoin(" AND ", where.Select((c, i) => $"{Quote(c.Property.GetColumnName(table)!)} {(c.Property.IsKey() ? "=" : "IS")} {P(set.Count + i)}"))
                .ToString();
            return new Shape(sql, [.. set, .. where]);
        });
        return (Prepared(shape, statements, connection, transaction), shape.Values);
    }

    /// <summary>
    /// The shape for these columns of <paramref name="type"/>; built each time for a type of more than 64 properties (its
    /// statement is still prepared once per save: <see cref="Prepared"/> finds it by its text).
    /// </summary>
    private static Shape Cached(IEntityType type, bool update, List<IProperty> columns, Func<Shape> build)
    {
        var mask = 0UL;
        foreach (var p in columns)
        {
            if (p.GetIndex() is < 0 or >= 64) return build();
            mask |= 1UL << p.GetIndex();
        }
        return Shapes.GetOrAdd((type, update, mask), _ => build());
    }

    private static SqliteCommand Prepared(Shape shape, Dictionary<string, SqliteCommand> statements, SqliteConnection connection,
        IDbContextTransaction transaction)
    {
        if (statements.TryGetValue(shape.Sql, out var command)) return command;
        command = connection.CreateCommand();
        command.CommandText = shape.Sql;
        command.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
        statements[shape.Sql] = command;
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
