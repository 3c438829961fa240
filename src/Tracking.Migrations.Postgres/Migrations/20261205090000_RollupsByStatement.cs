using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Postgres.Migrations;

/// <summary>
/// Issue 13, set-based attribution on PostgreSQL: the rollup trigger functions skip the inserts and updates of a
/// transaction that has set <c>tracking.rollups_by_statement</c> to <c>on</c> (<c>set_config(..., true)</c>, gone at its
/// end). The worker's save sets it and keeps the rollups itself with a few grouped upserts per chunk
/// (Tracking.Infrastructure's <c>ChunkRollups.Postgres</c>, the same expressions); every other writer is counted by the
/// triggers as before. Deletes are never skipped here; pruning keeps its own <c>pruning_hits</c> guard (decision 0015).
/// </summary>
public partial class RollupsByStatement : Migration
{
    private const string Skip = "IF TG_OP <> 'DELETE' AND current_setting('tracking.rollups_by_statement', true) = 'on' THEN RETURN NULL; END IF;";
    private const string Pruning = "IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM settings WHERE key = 'pruning_hits') THEN RETURN NULL; END IF;";

    private static string Conversions(string guard) => $"""
        CREATE OR REPLACE FUNCTION conversions_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            {guard}
            IF TG_OP <> 'INSERT' THEN PERFORM report_conversion_delta(OLD, -1); END IF;
            IF TG_OP <> 'DELETE' THEN PERFORM report_conversion_delta(NEW, 1); END IF;
            RETURN NULL;
        END $fn$;
        """;

    private static string Hits(string guard) => $"""
        CREATE OR REPLACE FUNCTION hits_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            {guard}
            {Pruning}
            IF TG_OP <> 'INSERT' THEN PERFORM report_hit_delta(OLD, -1); END IF;
            IF TG_OP <> 'DELETE' THEN PERFORM report_hit_delta(NEW, 1); END IF;
            RETURN NULL;
        END $fn$;
        """;

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(Conversions(Skip));
        migrationBuilder.Sql(Hits(Skip));
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(Conversions(""));
        migrationBuilder.Sql(Hits(""));
    }
}
