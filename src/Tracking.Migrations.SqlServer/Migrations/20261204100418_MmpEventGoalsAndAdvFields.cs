using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class MmpEventGoalsAndAdvFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "event_goals",
                table: "offers",
                type: "nvarchar(max)",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "adv1",
                table: "conversions",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<string>(
                name: "adv2",
                table: "conversions",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<string>(
                name: "adv3",
                table: "conversions",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<string>(
                name: "adv4",
                table: "conversions",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<string>(
                name: "adv5",
                table: "conversions",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true,
                collation: "Latin1_General_100_BIN2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "event_goals",
                table: "offers");

            migrationBuilder.DropColumn(
                name: "adv1",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "adv2",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "adv3",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "adv4",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "adv5",
                table: "conversions");
        }
    }
}
