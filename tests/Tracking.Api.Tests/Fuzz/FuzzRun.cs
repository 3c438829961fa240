using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Tracking.Api.Tests.Fuzz;

public sealed record FuzzOutcome(FuzzRequest Request, RawResponse? Response, IReadOnlyList<string> Violations);

/// <summary>
/// The run's settings: <c>TRACKING_FUZZ_SEED</c> (default <see cref="DefaultSeed"/>), <c>TRACKING_FUZZ_REQUESTS</c> (default 5,000)
/// and <c>TRACKING_FUZZ_ONLY</c> (a comma-separated list of request numbers, to replay failures one at a time).
/// </summary>
public sealed record FuzzSettings(int Seed, int Requests, IReadOnlySet<int>? Only)
{
    public const int DefaultSeed = 20260412;

    public static FuzzSettings FromEnvironment() => new(
        Number("TRACKING_FUZZ_SEED") ?? DefaultSeed,
        Number("TRACKING_FUZZ_REQUESTS") ?? 5_000,
        Environment.GetEnvironmentVariable("TRACKING_FUZZ_ONLY") is { Length: > 0 } only
            ? only.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToHashSet() : null);

    private static int? Number(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;
}

/// <summary>
/// Generates request <c>i</c> from <c>Random(seed, i)</c> alone, so any one request is rebuilt from the seed and its number
/// whatever ran before it; the first requests visit every route once, the rest pick an area (ingress 45%, API 35%, console
/// 12%, the rest 8%) and a route in it. A few connections send them at once.
/// </summary>
public static class FuzzRun
{
    public static FuzzRequest Generate(int index, int seed, IReadOnlyList<FuzzRoute> routes, FuzzContext context)
    {
        var random = new Random(unchecked(seed * 1_000_003 + index));
        var route = index < routes.Count ? routes[index] : Pick(routes, random);
        return FuzzRequests.Create(index, route, random, context);
    }

    public static async Task<IReadOnlyList<FuzzOutcome>> RunAsync(FuzzSettings settings, IReadOnlyList<FuzzRoute> routes, FuzzContext context,
        int connections, CancellationToken ct)
    {
        var indexes = Enumerable.Range(0, settings.Requests).Where(i => settings.Only?.Contains(i) ?? true).ToArray();
        var outcomes = new ConcurrentBag<FuzzOutcome>();
        var server = new IPEndPoint(IPAddress.Loopback, context.Port);
        await Parallel.ForEachAsync(indexes, new ParallelOptions { MaxDegreeOfParallelism = connections, CancellationToken = ct }, async (i, token) =>
        {
            var request = Generate(i, settings.Seed, routes, context);
            RawResponse? response = null;
            Exception? error = null;
            try
            {
                response = await RawHttp.SendAsync(server, request.Bytes, request.Bytes.AsSpan().StartsWith("HEAD "u8), TimeSpan.FromSeconds(30), token);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                if (ct.IsCancellationRequested) throw;
                error = e;
            }
            outcomes.Add(new FuzzOutcome(request, response, FuzzChecks.Violations(request, response, error, context.LandingHost).ToList()));
        });
        return outcomes.OrderBy(o => o.Request.Index).ToList();
    }

    private static FuzzRoute Pick(IReadOnlyList<FuzzRoute> routes, Random random)
    {
        var roll = random.Next(100);
        var area = roll < 45 ? Area.Ingress : roll < 80 ? Area.Api : roll < 92 ? Area.Console : Area.Other;
        var inArea = routes.Where(r => r.Area == area).ToList();
        return inArea.Count > 0 ? inArea[random.Next(inArea.Count)] : routes[random.Next(routes.Count)];
    }
}
