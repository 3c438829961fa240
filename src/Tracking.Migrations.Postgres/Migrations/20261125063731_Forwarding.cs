using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tracking.Migrations.Postgres.Migrations
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "previous_secret_until",
                table: "affiliates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_signing_secret",
                table: "affiliates",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "signing_secret",
                table: "affiliates",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "postback_templates",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    affiliate_id = table.Column<int>(type: "integer", nullable: false),
                    offer_id = table.Column<int>(type: "integer", nullable: true),
                    goal = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    method = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    reversal_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    sign = table.Column<bool>(type: "boolean", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    paused_reason = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    consecutive_failures = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    id = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: false),
                    conversion_id = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: false),
                    template_id = table.Column<int>(type: "integer", nullable: false),
                    affiliate_id = table.Column<int>(type: "integer", nullable: false),
                    offer_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    method = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    url = table.Column<string>(type: "text", nullable: false),
                    host = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    body = table.Column<string>(type: "text", nullable: true),
                    sign = table.Column<bool>(type: "boolean", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempt_count = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    retrying_since = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    locked_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    locked_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
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
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    delivery_id = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    error = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    latency_ms = table.Column<int>(type: "integer", nullable: false),
                    response = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true)
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
