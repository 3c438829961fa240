using System.Globalization;

namespace Chaos;

/// <summary>The run's settings, from the environment bench/chaos.sh sets (CHAOS_*).</summary>
public sealed record Settings(
    string PostgresAdmin, string Broker, string ServicesScript, string ServicesDir, string ApiDir, string WorkerDir, string Out,
    IReadOnlyList<string> Faults, TimeSpan Steady, TimeSpan Down, TimeSpan RecoveryBound, int Senders, TimeSpan Pause, int ApiPort)
{
    public string AdminKey => "chaos-admin-key-0123456789abcdef";

    public static Settings FromEnvironment() => new(
        Required("CHAOS_POSTGRES"), Required("CHAOS_RABBITMQ"), Required("CHAOS_SERVICES_SCRIPT"), Required("CHAOS_SERVICES_DIR"),
        Required("CHAOS_API_DIR"), Required("CHAOS_WORKER_DIR"), Required("CHAOS_OUT"),
        (Environment.GetEnvironmentVariable("CHAOS_FAULTS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        Seconds("CHAOS_STEADY", 3), Seconds("CHAOS_DOWN", 5), Seconds("CHAOS_RECOVERY_BOUND", 180),
        (int)Seconds("CHAOS_SENDERS", 2).TotalSeconds, Seconds("CHAOS_PAUSE", 0.1), (int)Seconds("CHAOS_API_PORT", 0).TotalSeconds is var p and > 0 ? p : FreePort());

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set (run bench/chaos.sh).");

    private static TimeSpan Seconds(string name, double fallback) =>
        TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var s) ? s : fallback);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
