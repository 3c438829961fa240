using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class HoldPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "hold_days",
                table: "offers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "hold_until",
                table: "conversions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversions_hold_until",
                table: "conversions",
                column: "hold_until",
                filter: "hold_until IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_conversions_hold_until",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "hold_days",
                table: "offers");

            migrationBuilder.DropColumn(
                name: "hold_until",
                table: "conversions");
        }
    }
}
