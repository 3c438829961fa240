using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Infrastructure.Persistence;

namespace Tracking.IntegrationTests.Support;

/// <summary>The database's plan of a query exactly as EF writes it, with its parameters bound, on a running app's database.</summary>
public static partial class QueryPlans
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// SQLite: the detail of each <c>EXPLAIN QUERY PLAN</c> row. PostgreSQL: the lines of <c>EXPLAIN</c> after <paramref name="settings"/>
    /// (say, plain scans turned off, so that a table of a few rows still shows which indexes the query can use).
    /// </summary>
    public static async Task<List<string>> ExplainAsync<T>(TrackingApp app, Func<TrackingDbContext, IQueryable<T>> query, string? settings = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        var sql = query(db).ToQueryString();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        if (settings is not null) await db.Database.ExecuteSqlRawAsync(settings, Ct);
        await using var command = connection.CreateCommand();
        var body = new List<string>();
        foreach (var line in sql.Split('\n'))
            if (Declared().Match(line) is { Success: true } m) Bind(command, "@" + m.Groups["name"].Value, m.Groups["value"].Value.Trim());
            else body.Add(line);
        var sqlite = app.Provider == DatabaseProvider.Sqlite;
        command.CommandText = (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + string.Join('\n', body);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) rows.Add(reader.GetValue(reader.FieldCount - 1).ToString()!.Trim());
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', rows));
        return rows;
    }

    private static void Bind(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        // EF quotes every element of an array and ends a long one with "...": one whose elements are all numbers is taken for
        // an int[] (offer ids).
        var items = value.StartsWith('{') ? value.Trim('{', '}', ' ').Split(", ").Where(v => v != "...").Select(v => v.Trim('\'')).ToArray() : null;
        parameter.Value = items is not null
            ? items.All(i => int.TryParse(i, out _)) ? items.Select(int.Parse).ToArray() : items
            : int.TryParse(value.Trim('\''), out var number) ? number : value.Trim('\'');
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// EF's line declaring a parameter: <c>.param set @name 'value'</c> on SQLite, <c>-- @name='value'</c> elsewhere (<c>-- name=…</c> for
    /// a parameter of raw SQL named without its <c>@</c>), or
    /// <c>-- @name={ 'a', 'b' }</c> for an array of strings (PostgreSQL's <c>= ANY</c>; EF shows the first few
    /// values of a long one, then <c>...</c>, and these are what is bound).
    /// </summary>
    [GeneratedRegex(@"^(?:-- |\.param set )@?(?<name>\w+)[= ](?<value>'[^']*'|\{[^}]*\}|\S+)")]
    private static partial Regex Declared();
}
