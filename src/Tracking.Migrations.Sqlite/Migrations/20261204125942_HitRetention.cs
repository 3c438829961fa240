using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Sqlite.Migrations;

/// <summary>
/// Issue 12.8: pruning old hits leaves the report rollups as they were. While the retention job's transaction holds the
/// <c>pruning_hits</c> settings row, a deleted hit is not subtracted from them (decision 0015). SQLite has one writer at a
/// time, so no other transaction deletes while the row exists.
/// </summary>
public partial class HitRetention : Migration
{
    internal const string Delete = "CREATE TRIGGER hits_rollup_delete AFTER DELETE ON hits WHEN OLD.outcome IS NOT NULL";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS hits_rollup_delete;");
        migrationBuilder.Sql($"{Delete} AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'pruning_hits') " +
            $"BEGIN {ReportRollups.HitDelta("OLD", -1)} END;");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS hits_rollup_delete;");
        migrationBuilder.Sql($"{Delete} BEGIN {ReportRollups.HitDelta("OLD", -1)} END;");
    }
}
