namespace Tracking.Infrastructure; public static class M;
