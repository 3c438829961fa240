using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TestConversions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_test",
                table: "hits",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "is_test",
                table: "conversions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "is_test",
                table: "clicks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "is_test",
                table: "hits");

            migrationBuilder.DropColumn(
                name: "is_test",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "is_test",
                table: "clicks");
        }
    }
}
