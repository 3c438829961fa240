using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tracking.Infrastructure.Persistence;

/// <summary>Failures that say the database is unreachable or busy for now (a restart, a network cut), not that the work is wrong.</summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception ex) => ex switch
    {
        DbException { IsTransient: true } or TimeoutException or SocketException or RetryLimitExceededException => true,
        _ => ex.InnerException is { } inner && IsTransient(inner),
    };

    /// <summary>Doubling waits from one second, at most <paramref name="longest"/> apart, adding up to at least <paramref name="horizon"/>.</summary>
    public static TimeSpan[] Backoff(TimeSpan horizon, TimeSpan longest)
    {
        var waits = new List<TimeSpan>();
        var next = TimeSpan.FromSeconds(1);
        for (var total = TimeSpan.Zero; total < horizon; total += waits[^1])
        {
            waits.Add(next);
            next = next * 2 < longest ? next * 2 : longest;
        }
        return [.. waits];
    }
}
