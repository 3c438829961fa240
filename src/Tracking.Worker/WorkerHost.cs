namespace Tracking.Worker;
public static class WorkerHost { public static void Main() { } }
