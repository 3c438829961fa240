namespace Tracking.Migrations.Sqlite; public static class M;
