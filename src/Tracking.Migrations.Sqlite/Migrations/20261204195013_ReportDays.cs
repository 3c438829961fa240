using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "report_conversion_days",
                columns: table => new
                {
                    quarter = table.Column<long>(type: "INTEGER", nullable: false),
                    is_test = table.Column<bool>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    shard = table.Column<int>(type: "INTEGER", nullable: false),
                    offer_id = table.Column<int>(type: "INTEGER", nullable: false),
                    affiliate_id = table.Column<int>(type: "INTEGER", nullable: false),
                    goal = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    conversions = table.Column<long>(type: "INTEGER", nullable: false),
                    both_methods = table.Column<long>(type: "INTEGER", nullable: false),
                    pixel_only = table.Column<long>(type: "INTEGER", nullable: false),
                    postback_only = table.Column<long>(type: "INTEGER", nullable: false),
                    awaiting = table.Column<long>(type: "INTEGER", nullable: false),
                    amount_mismatch = table.Column<long>(type: "INTEGER", nullable: false),
                    currency_mismatch = table.Column<long>(type: "INTEGER", nullable: false),
                    revenue_e4 = table.Column<long>(type: "INTEGER", nullable: false),
                    payout_e4 = table.Column<long>(type: "INTEGER", nullable: false),
                    pending_revenue_e4 = table.Column<long>(type: "INTEGER", nullable: false),
                    pending_payout_e4 = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_conversion_days", x => new { x.quarter, x.offer_id, x.affiliate_id, x.goal, x.is_test, x.currency, x.shard });
                });

            migrationBuilder.CreateTable(
                name: "report_hit_days",
                columns: table => new
                {
                    quarter = table.Column<long>(type: "INTEGER", nullable: false),
                    offer_id = table.Column<int>(type: "INTEGER", nullable: false),
                    affiliate_id = table.Column<int>(type: "INTEGER", nullable: false),
                    goal = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    is_test = table.Column<bool>(type: "INTEGER", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    shard = table.Column<int>(type: "INTEGER", nullable: false),
                    hits = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_hit_days", x => new { x.quarter, x.offer_id, x.affiliate_id, x.goal, x.is_test, x.outcome, x.shard });
                });

            migrationBuilder.CreateIndex(
                name: "ix_hits_outcome",
                table: "hits",
                columns: new[] { "outcome", "id" },
                filter: "outcome IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_report_conversion_days_offer_id_quarter",
                table: "report_conversion_days",
                columns: new[] { "offer_id", "quarter" });

            migrationBuilder.CreateIndex(
                name: "ix_report_hit_days_offer_id_quarter",
                table: "report_hit_days",
                columns: new[] { "offer_id", "quarter" });

            CreateDayRollups(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            DropDayRollups(migrationBuilder);

            migrationBuilder.DropTable(
                name: "report_conversion_days");

            migrationBuilder.DropTable(
                name: "report_hit_days");

            migrationBuilder.DropIndex(
                name: "ix_hits_outcome",
                table: "hits");
        }
    }
}
