using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.SqlServer.Migrations;

/// <summary>
/// Issue 12.8: pruning old hits leaves the report rollups as they were. While the retention job's transaction holds the
/// <c>pruning_hits</c> settings row, a statement that only deletes hits is not subtracted (decision 0015).
/// </summary>
public partial class HitRetention : Migration
{
    internal const string Guard = "\n    IF NOT EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM settings WHERE [key] = 'pruning_hits') RETURN;";

    protected override void Up(MigrationBuilder migrationBuilder) => Recreate(migrationBuilder, Guard);

    protected override void Down(MigrationBuilder migrationBuilder) => Recreate(migrationBuilder, "");

    private static void Recreate(MigrationBuilder migrationBuilder, string guard)
    {
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS hits_rollup;");
        migrationBuilder.Sql(ReportRollups.Trigger("hits_rollup", "hits", ReportRollups.HitColumns, " WHERE outcome IS NOT NULL",
            ReportRollups.HitRollups, guard));
    }
}
