using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tracking.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RefusedRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "refused_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    minute = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    endpoint = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    partition = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false),
                    sample_url = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    sample_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    sample_user_agent = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refused_requests", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_refused_requests_minute",
                table: "refused_requests",
                column: "minute");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "refused_requests");
        }
    }
}
