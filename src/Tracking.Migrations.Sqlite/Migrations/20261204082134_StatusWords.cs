using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StatusWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "payout",
                table: "status_changes",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "revenue",
                table: "status_changes",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "payout",
                table: "hits",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "revenue",
                table: "hits",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "postback_payout",
                table: "conversions",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "postback_revenue",
                table: "conversions",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "postback_sets_payout",
                table: "advertisers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "status_words",
                table: "advertisers",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "payout",
                table: "status_changes");

            migrationBuilder.DropColumn(
                name: "revenue",
                table: "status_changes");

            migrationBuilder.DropColumn(
                name: "payout",
                table: "hits");

            migrationBuilder.DropColumn(
                name: "revenue",
                table: "hits");

            migrationBuilder.DropColumn(
                name: "postback_payout",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "postback_revenue",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "postback_sets_payout",
                table: "advertisers");

            migrationBuilder.DropColumn(
                name: "status_words",
                table: "advertisers");
        }
    }
}
