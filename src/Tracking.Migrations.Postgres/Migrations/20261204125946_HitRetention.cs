using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Postgres.Migrations;

/// <summary>
/// Issue 12.8: pruning old hits leaves the report rollups as they were. While the retention job's transaction holds the
/// <c>pruning_hits</c> settings row (visible to that transaction only), a deleted hit is not subtracted (decision 0015).
/// </summary>
public partial class HitRetention : Migration
{
    private static string Function(string guard) => $"""
        CREATE OR REPLACE FUNCTION hits_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN{guard}
            IF TG_OP <> 'INSERT' THEN PERFORM report_hit_delta(OLD, -1); END IF;
            IF TG_OP <> 'DELETE' THEN PERFORM report_hit_delta(NEW, 1); END IF;
            RETURN NULL;
        END $fn$;
        """;

    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Function("""

            IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM settings WHERE key = 'pruning_hits') THEN RETURN NULL; END IF;
        """));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Function(""));
}
