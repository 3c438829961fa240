using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ParkedPixelIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_hits_parked_pixels",
                table: "hits");

            migrationBuilder.CreateIndex(
                name: "ix_hits_parked_event_id",
                table: "hits",
                column: "event_id",
                filter: "outcome = 'no_click_id' AND event_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_hits_parked_order_id",
                table: "hits",
                column: "order_id",
                filter: "outcome = 'no_click_id' AND order_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_hits_parked_event_id",
                table: "hits");

            migrationBuilder.DropIndex(
                name: "ix_hits_parked_order_id",
                table: "hits");

            migrationBuilder.CreateIndex(
                name: "ix_hits_parked_pixels",
                table: "hits",
                columns: new[] { "offer_id", "goal" },
                filter: "outcome = 'no_click_id'");
        }
    }
}
