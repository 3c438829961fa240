using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tracking.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "advertisers",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    postback_token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_advertisers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "affiliates",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_affiliates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "clicks",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    offer_id = table.Column<int>(type: "integer", nullable: false),
                    affiliate_id = table.Column<int>(type: "integer", nullable: false),
                    clicked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    sub1 = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    sub2 = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    sub3 = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    sub4 = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    sub5 = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    source = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    user_agent = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    referrer = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clicks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "conversions",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: false),
                    offer_id = table.Column<int>(type: "integer", nullable: false),
                    affiliate_id = table.Column<int>(type: "integer", nullable: true),
                    goal = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    click_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    clicked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    sub1 = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    sub2 = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    sub3 = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    sub4 = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    sub5 = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    source = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    order_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    event_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    dedup_key = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    key_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    match = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    authority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    revenue = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    payout = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    duplicate_count = table.Column<int>(type: "integer", nullable: false),
                    discrepancy = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    explanation = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    pixel_hit_id = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: true),
                    pixel_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    pixel_amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    pixel_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    pixel_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    postback_hit_id = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: true),
                    postback_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    postback_amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    postback_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    postback_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    reconcile_due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reconciled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hits",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: false),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    offer_id = table.Column<int>(type: "integer", nullable: true),
                    affiliate_id = table.Column<int>(type: "integer", nullable: true),
                    goal = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    click_id = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    click_id_source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    order_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    event_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    adv1 = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    adv2 = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    adv3 = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    adv4 = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    adv5 = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    user_agent = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    outcome_detail = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    conversion_id = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: true),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hits", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    value = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settings", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "offers",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    advertiser_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    landing_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    lookback_days = table.Column<int>(type: "integer", nullable: false),
                    expected_methods = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reconcile_after_minutes = table.Column<int>(type: "integer", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    authority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    hold_for_approval = table.Column<bool>(type: "boolean", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_offers", x => x.id);
                    table.ForeignKey(
                        name: "fk_offers_advertisers_advertiser_id",
                        column: x => x.advertiser_id,
                        principalTable: "advertisers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "status_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    conversion_id = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: false),
                    from = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    to = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_status_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_status_changes_conversions_conversion_id",
                        column: x => x.conversion_id,
                        principalTable: "conversions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "goals",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    offer_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    once_per_click = table.Column<bool>(type: "boolean", nullable: false),
                    revenue = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    revenue_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    payout = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    payout_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_goals", x => x.id);
                    table.ForeignKey(
                        name: "fk_goals_offers_offer_id",
                        column: x => x.offer_id,
                        principalTable: "offers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_clicks_offer_id_clicked_at",
                table: "clicks",
                columns: new[] { "offer_id", "clicked_at" });

            migrationBuilder.CreateIndex(
                name: "ix_conversions_click_id_goal",
                table: "conversions",
                columns: new[] { "click_id", "goal" });

            migrationBuilder.CreateIndex(
                name: "ix_conversions_created_at",
                table: "conversions",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_conversions_offer_id_goal_dedup_key",
                table: "conversions",
                columns: new[] { "offer_id", "goal", "dedup_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversions_offer_id_goal_event_id",
                table: "conversions",
                columns: new[] { "offer_id", "goal", "event_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conversions_offer_id_goal_order_id",
                table: "conversions",
                columns: new[] { "offer_id", "goal", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conversions_reconcile_due_at",
                table: "conversions",
                column: "reconcile_due_at",
                filter: "reconcile_due_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_goals_offer_id_code",
                table: "goals",
                columns: new[] { "offer_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hits_click_id",
                table: "hits",
                column: "click_id");

            migrationBuilder.CreateIndex(
                name: "ix_hits_conversion_id",
                table: "hits",
                column: "conversion_id",
                filter: "conversion_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_hits_offer_id_received_at",
                table: "hits",
                columns: new[] { "offer_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_hits_parked_pixels",
                table: "hits",
                columns: new[] { "offer_id", "goal" },
                filter: "outcome = 'no_click_id'");

            migrationBuilder.CreateIndex(
                name: "ix_hits_undecided",
                table: "hits",
                column: "decided_at",
                filter: "decided_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_offers_advertiser_id",
                table: "offers",
                column: "advertiser_id");

            migrationBuilder.CreateIndex(
                name: "ix_status_changes_conversion_id",
                table: "status_changes",
                column: "conversion_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "affiliates");

            migrationBuilder.DropTable(
                name: "clicks");

            migrationBuilder.DropTable(
                name: "goals");

            migrationBuilder.DropTable(
                name: "hits");

            migrationBuilder.DropTable(
                name: "settings");

            migrationBuilder.DropTable(
                name: "status_changes");

            migrationBuilder.DropTable(
                name: "offers");

            migrationBuilder.DropTable(
                name: "conversions");

            migrationBuilder.DropTable(
                name: "advertisers");
        }
    }
}
