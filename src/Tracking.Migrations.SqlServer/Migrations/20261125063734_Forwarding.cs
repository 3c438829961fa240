using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Forwarding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "forward_due_at",
                table: "conversions",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "previous_secret_until",
                table: "affiliates",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_signing_secret",
                table: "affiliates",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<string>(
                name: "signing_secret",
                table: "affiliates",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.CreateTable(
                name: "postback_templates",
                columns: table => new
                {
                    id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    affiliate_id = table.Column<int>(type: "int", nullable: false),
                    offer_id = table.Column<int>(type: "int", nullable: true),
                    goal = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true, collation: "Latin1_General_100_BIN2"),
                    trigger = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    method = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    url = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false, collation: "Latin1_General_100_BIN2"),
                    reversal_url = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true, collation: "Latin1_General_100_BIN2"),
                    sign = table.Column<bool>(type: "bit", nullable: false),
                    state = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    paused_reason = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true, collation: "Latin1_General_100_BIN2"),
                    consecutive_failures = table.Column<int>(type: "int", nullable: false),
                    created_at = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_postback_templates", x => x.id);
                    table.ForeignKey(
                        name: "fk_postback_templates_affiliates_affiliate_id",
                        column: x => x.affiliate_id,
                        principalTable: "affiliates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deliveries",
                columns: table => new
                {
                    id = table.Column<string>(type: "nvarchar(26)", maxLength: 26, nullable: false, collation: "Latin1_General_100_BIN2"),
                    conversion_id = table.Column<string>(type: "nvarchar(26)", maxLength: 26, nullable: false, collation: "Latin1_General_100_BIN2"),
                    template_id = table.Column<int>(type: "int", nullable: false),
                    affiliate_id = table.Column<int>(type: "int", nullable: false),
                    offer_id = table.Column<int>(type: "int", nullable: false),
                    kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    method = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    url = table.Column<string>(type: "nvarchar(max)", nullable: false, collation: "Latin1_General_100_BIN2"),
                    host = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false, collation: "Latin1_General_100_BIN2"),
                    body = table.Column<string>(type: "nvarchar(max)", nullable: true, collation: "Latin1_General_100_BIN2"),
                    sign = table.Column<bool>(type: "bit", nullable: false),
                    state = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    attempt_count = table.Column<int>(type: "int", nullable: false),
                    created_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    retrying_since = table.Column<DateTime>(type: "datetime2", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "datetime2", nullable: true),
                    completed_at = table.Column<DateTime>(type: "datetime2", nullable: true),
                    last_error = table.Column<string>(type: "nvarchar(512)", maxLength: 512, nullable: true, collation: "Latin1_General_100_BIN2"),
                    locked_until = table.Column<DateTime>(type: "datetime2", nullable: true),
                    locked_by = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true, collation: "Latin1_General_100_BIN2")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_deliveries_conversions_conversion_id",
                        column: x => x.conversion_id,
                        principalTable: "conversions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_deliveries_postback_templates_template_id",
                        column: x => x.template_id,
                        principalTable: "postback_templates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "delivery_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    delivery_id = table.Column<string>(type: "nvarchar(26)", maxLength: 26, nullable: false, collation: "Latin1_General_100_BIN2"),
                    at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    status_code = table.Column<int>(type: "int", nullable: true),
                    error = table.Column<string>(type: "nvarchar(512)", maxLength: 512, nullable: true, collation: "Latin1_General_100_BIN2"),
                    latency_ms = table.Column<int>(type: "int", nullable: false),
                    response = table.Column<string>(type: "nvarchar(max)", maxLength: 4096, nullable: true, collation: "Latin1_General_100_BIN2")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_delivery_attempts_deliveries_delivery_id",
                        column: x => x.delivery_id,
                        principalTable: "deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_conversions_forward_due_at",
                table: "conversions",
                column: "forward_due_at",
                filter: "forward_due_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_affiliate_id_id",
                table: "deliveries",
                columns: new[] { "affiliate_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_conversion_id_template_id_kind",
                table: "deliveries",
                columns: new[] { "conversion_id", "template_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_due",
                table: "deliveries",
                columns: new[] { "next_attempt_at", "host" },
                filter: "state = 'pending'");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_offer_id_id",
                table: "deliveries",
                columns: new[] { "offer_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_template_id_state",
                table: "deliveries",
                columns: new[] { "template_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_attempts_delivery_id",
                table: "delivery_attempts",
                column: "delivery_id");

            migrationBuilder.CreateIndex(
                name: "ix_postback_templates_affiliate_id",
                table: "postback_templates",
                column: "affiliate_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delivery_attempts");

            migrationBuilder.DropTable(
                name: "deliveries");

            migrationBuilder.DropTable(
                name: "postback_templates");

            migrationBuilder.DropIndex(
                name: "ix_conversions_forward_due_at",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "forward_due_at",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "previous_secret_until",
                table: "affiliates");

            migrationBuilder.DropColumn(
                name: "previous_signing_secret",
                table: "affiliates");

            migrationBuilder.DropColumn(
                name: "signing_secret",
                table: "affiliates");
        }
    }
}
