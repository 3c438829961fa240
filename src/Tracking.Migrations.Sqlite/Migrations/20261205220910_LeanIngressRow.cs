using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LeanIngressRow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_hits_click_id",
                table: "hits");

            migrationBuilder.CreateIndex(
                name: "ix_hits_decided_click_id",
                table: "hits",
                column: "click_id",
                filter: "decided_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_hits_decided_click_id",
                table: "hits");

            migrationBuilder.CreateIndex(
                name: "ix_hits_click_id",
                table: "hits",
                column: "click_id");
        }
    }
}
