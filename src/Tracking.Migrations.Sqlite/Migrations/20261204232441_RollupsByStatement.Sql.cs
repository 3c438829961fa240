using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Sqlite.Migrations;

/// <summary>
/// Issue 13, set-based attribution: the rollup triggers skip the inserts and updates of a transaction that holds the
/// <c>settings</c> row <c>rollups_by_statement</c>. The worker's save writes that row and keeps the rollups itself with a
/// few grouped upserts per chunk (Tracking.Infrastructure's <c>ChunkRollups</c>, the same expressions); every other
/// writer is counted by the triggers as before. Deletes are not skipped: the worker never deletes.
/// </summary>
public partial class RollupsByStatement
{
    private const string Skip = "NOT EXISTS (SELECT 1 FROM settings WHERE key = 'rollups_by_statement')";

    private static readonly string[] Guarded =
    [
        $"CREATE TRIGGER conversions_rollup_insert AFTER INSERT ON conversions WHEN {Skip} BEGIN {ReportDays.ConversionDelta("NEW", 1)} END;",
        $"CREATE TRIGGER conversions_rollup_delete AFTER DELETE ON conversions BEGIN {ReportDays.ConversionDelta("OLD", -1)} END;",
        $"CREATE TRIGGER conversions_rollup_update AFTER UPDATE OF {ReportRollups.ConversionColumnsChanged} ON conversions WHEN {Skip} " +
            $"BEGIN {ReportDays.ConversionDelta("OLD", -1)} {ReportDays.ConversionDelta("NEW", 1)} END;",
        $"CREATE TRIGGER hits_rollup_insert AFTER INSERT ON hits WHEN NEW.outcome IS NOT NULL AND {Skip} BEGIN {ReportDays.HitDelta("NEW", 1)} END;",
        $"{HitRetention.Delete} AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'pruning_hits') BEGIN {ReportDays.HitDelta("OLD", -1)} END;",
        $"CREATE TRIGGER hits_rollup_update_old AFTER UPDATE OF {ReportRollups.HitColumnsChanged} ON hits WHEN OLD.outcome IS NOT NULL AND {Skip} " +
            $"BEGIN {ReportDays.HitDelta("OLD", -1)} END;",
        $"CREATE TRIGGER hits_rollup_update_new AFTER UPDATE OF {ReportRollups.HitColumnsChanged} ON hits WHEN NEW.outcome IS NOT NULL AND {Skip} " +
            $"BEGIN {ReportDays.HitDelta("NEW", 1)} END;",
    ];

    private static void Guard(MigrationBuilder migrationBuilder) => ReportDays.Recreate(migrationBuilder, Guarded);

    private static void Unguard(MigrationBuilder migrationBuilder) =>
        ReportDays.Recreate(migrationBuilder, ReportDays.Triggers(ReportDays.ConversionDelta, ReportDays.HitDelta));
}
