using System.Globalization;
using CsCheck;

namespace Tracking.Testing;

/// <summary>
/// Property tests that run the same cases every time: <see cref="Check{T}"/> draws <c>iter</c> values of a CsCheck generator
/// from a fixed seed (<c>TRACKING_PROPERTY_SEED</c> overrides it), and the first failing value is handed to CsCheck's own
/// <c>Sample</c> with its seed, which shrinks it to the simplest failing case and prints the seed that replays it
/// (<c>CsCheck_Seed</c>). A random run each time would find more over the years but fail someone else's build; run
/// longer with <c>TRACKING_PROPERTY_ITER</c>.
/// </summary>
public static class Sampled
{
    public const ulong DefaultSeed = 20260412;

    public static void Check<T>(Gen<T> gen, Action<T> assert, int iter = 2_000, Func<T, string>? print = null)
    {
        var seed = Number("TRACKING_PROPERTY_SEED") ?? DefaultSeed;
        var count = (int?)Number("TRACKING_PROPERTY_ITER") ?? iter;
        var pcg = new PCG(1, seed);
        for (var i = 0; i < count; i++)
        {
            var state = pcg.State;
            var value = gen.Generate(pcg, null, out _);
            try
            {
                assert(value);
            }
            catch (Exception e)
            {
                var failing = pcg.ToString(state);
                gen.Sample(assert, seed: failing, iter: 5_000, threads: 1, print: print);
                throw new InvalidOperationException($"Case {i} of seed {seed} failed (CsCheck seed {failing}) but not when replayed.", e);
            }
        }
    }

    /// <summary><see cref="Check{T}"/> for an asynchronous property.</summary>
    public static async Task CheckAsync<T>(Gen<T> gen, Func<T, Task> assert, int iter = 1_000, Func<T, string>? print = null)
    {
        var seed = Number("TRACKING_PROPERTY_SEED") ?? DefaultSeed;
        var count = (int?)Number("TRACKING_PROPERTY_ITER") ?? iter;
        var pcg = new PCG(1, seed);
        for (var i = 0; i < count; i++)
        {
            var state = pcg.State;
            var value = gen.Generate(pcg, null, out _);
            try
            {
                await assert(value);
            }
            catch (Exception e)
            {
                var failing = pcg.ToString(state);
                await gen.SampleAsync(assert, seed: failing, iter: 2_000, threads: 1, print: print);
                throw new InvalidOperationException($"Case {i} of seed {seed} failed (CsCheck seed {failing}) but not when replayed.", e);
            }
        }
    }

    private static ulong? Number(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? ulong.Parse(v, CultureInfo.InvariantCulture) : null;
}
