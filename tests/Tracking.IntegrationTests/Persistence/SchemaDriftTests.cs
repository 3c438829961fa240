using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Persistence;

/// <summary>
/// Needs no server (runs everywhere, CI included): each provider's migrations match the model, and docs/schema holds the
/// script those migrations make.
/// </summary>
public sealed class SchemaDriftTests
{
    public static TheoryData<string> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres, DatabaseProvider.SqlServer];

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheModelHasNoChangeMissingFromTheProvidersMigrations(string provider)
    {
        using var db = Databases.Context(provider);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model changed since the last {provider} migration: run `dotnet ef migrations add <Name> " +
            $"--project src/Tracking.Migrations.{provider} --startup-project src/Tracking.Migrations.{provider}`, then scripts/schema.sh.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheSchemaScriptInDocsIsTheOneTheMigrationsMake(string provider)
    {
        using var db = Databases.Context(provider);
        // EF cannot make idempotent scripts for SQLite: sqlite.sql builds an empty database (scripts/schema.sh does the same).
        var options = provider == DatabaseProvider.Sqlite ? MigrationsSqlGenerationOptions.Default : MigrationsSqlGenerationOptions.Idempotent;
        var expected = db.GetService<IMigrator>().GenerateScript(options: options);
        var file = Path.Combine(Repository.Root(), "docs", "schema", provider.ToLowerInvariant() + ".sql");

        Assert.True(File.Exists(file), $"{file} is missing: run scripts/schema.sh.");
        Assert.True(Normalized(File.ReadAllText(file)) == Normalized(expected),
            $"docs/schema/{Path.GetFileName(file)} differs from what the {provider} migrations make: run scripts/schema.sh and commit the result.");
    }

    private static string Normalized(string sql) => sql.Replace("\r\n", "\n").TrimStart('\uFEFF').Trim();
}
