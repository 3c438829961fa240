using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.SqlServer.Migrations
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
                    quarter = table.Column<long>(type: "bigint", nullable: false),
                    is_test = table.Column<bool>(type: "bit", nullable: false),
                    currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false, collation: "Latin1_General_100_BIN2"),
                    shard = table.Column<int>(type: "int", nullable: false),
                    offer_id = table.Column<int>(type: "int", nullable: false),
                    affiliate_id = table.Column<int>(type: "int", nullable: false),
                    goal = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false, collation: "Latin1_General_100_BIN2"),
                    conversions = table.Column<long>(type: "bigint", nullable: false),
                    both_methods = table.Column<long>(type: "bigint", nullable: false),
                    pixel_only = table.Column<long>(type: "bigint", nullable: false),
                    postback_only = table.Column<long>(type: "bigint", nullable: false),
                    awaiting = table.Column<long>(type: "bigint", nullable: false),
                    amount_mismatch = table.Column<long>(type: "bigint", nullable: false),
                    currency_mismatch = table.Column<long>(type: "bigint", nullable: false),
                    revenue_e4 = table.Column<long>(type: "bigint", nullable: false),
                    payout_e4 = table.Column<long>(type: "bigint", nullable: false),
                    pending_revenue_e4 = table.Column<long>(type: "bigint", nullable: false),
                    pending_payout_e4 = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_conversion_days", x => new { x.quarter, x.offer_id, x.affiliate_id, x.goal, x.is_test, x.currency, x.shard });
                });

            migrationBuilder.CreateTable(
                name: "report_hit_days",
                columns: table => new
                {
                    quarter = table.Column<long>(type: "bigint", nullable: false),
                    offer_id = table.Column<int>(type: "int", nullable: false),
                    affiliate_id = table.Column<int>(type: "int", nullable: false),
                    goal = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false, collation: "Latin1_General_100_BIN2"),
                    is_test = table.Column<bool>(type: "bit", nullable: false),
                    outcome = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false, collation: "Latin1_General_100_BIN2"),
                    shard = table.Column<int>(type: "int", nullable: false),
                    hits = table.Column<long>(type: "bigint", nullable: false)
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
