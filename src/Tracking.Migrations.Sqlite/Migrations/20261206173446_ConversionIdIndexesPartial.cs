using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ConversionIdIndexesPartial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_conversions_offer_id_goal_event_id",
                table: "conversions");

            migrationBuilder.DropIndex(
                name: "ix_conversions_offer_id_goal_order_id",
                table: "conversions");

            migrationBuilder.CreateIndex(
                name: "ix_conversions_offer_id_goal_event_id",
                table: "conversions",
                columns: new[] { "offer_id", "goal", "event_id" },
                filter: "event_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_conversions_offer_id_goal_order_id",
                table: "conversions",
                columns: new[] { "offer_id", "goal", "order_id" },
                filter: "order_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_conversions_offer_id_goal_event_id",
                table: "conversions");

            migrationBuilder.DropIndex(
                name: "ix_conversions_offer_id_goal_order_id",
                table: "conversions");

            migrationBuilder.CreateIndex(
                name: "ix_conversions_offer_id_goal_event_id",
                table: "conversions",
                columns: new[] { "offer_id", "goal", "event_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conversions_offer_id_goal_order_id",
                table: "conversions",
                columns: new[] { "offer_id", "goal", "order_id" });
        }
    }
}
