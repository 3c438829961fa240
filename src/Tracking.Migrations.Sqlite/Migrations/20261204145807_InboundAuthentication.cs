using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracking.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InboundAuthentication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "allowed_ips",
                table: "advertisers",
                type: "TEXT",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "postback_token_hash",
                table: "advertisers",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "previous_secret_until",
                table: "advertisers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_signing_secret",
                table: "advertisers",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "require_signature",
                table: "advertisers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "require_token",
                table: "advertisers",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "signing_secret",
                table: "advertisers",
                type: "TEXT",
                maxLength: 512,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    friendly_name = table.Column<string>(type: "TEXT", nullable: true),
                    xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "seen_signatures",
                columns: table => new
                {
                    signature = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seen_signatures", x => x.signature);
                });

            migrationBuilder.CreateIndex(
                name: "ix_seen_signatures_expires_at",
                table: "seen_signatures",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "seen_signatures");

            migrationBuilder.DropColumn(
                name: "allowed_ips",
                table: "advertisers");

            migrationBuilder.DropColumn(
                name: "postback_token_hash",
                table: "advertisers");

            migrationBuilder.DropColumn(
                name: "previous_secret_until",
                table: "advertisers");

            migrationBuilder.DropColumn(
                name: "previous_signing_secret",
                table: "advertisers");

            migrationBuilder.DropColumn(
                name: "require_signature",
                table: "advertisers");

            migrationBuilder.DropColumn(
                name: "require_token",
                table: "advertisers");

            migrationBuilder.DropColumn(
                name: "signing_secret",
                table: "advertisers");
        }
    }
}
