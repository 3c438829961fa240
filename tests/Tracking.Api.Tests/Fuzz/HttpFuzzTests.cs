using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tracking.Api.Tests.Fuzz;

/// <summary>
/// Issue 12.6: at least 5,000 generated requests, from a fixed seed, over every route of the running app (ingress, /api with
/// the admin key, a wrong one and none, the console signed in and not, health and OpenAPI), well-formed and raw: malformed
/// UTF-8, CR/LF in query and headers, oversized parts, broken bodies, open-redirect bypasses. Every answer is checked by
/// <see cref="FuzzChecks"/>. docs/testing.md, "Fuzz suite", says how to replay a failure and how to run longer.
/// </summary>
public sealed class HttpFuzzTests
{
    [Fact]
    public async Task NoGeneratedRequestGets5xxAnInjectedHeaderARedirectOffItsHostOrAPixelThatIsNotAGif()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = FuzzSettings.FromEnvironment();
        await using var app = new TrackingApp();
        var context = await FuzzSetup.PrepareAsync(app, ct);
        var routes = FuzzRoutes.Of(app, context.OpenApi);
        using var errors = new ServerErrors();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(errors);
        var clock = Stopwatch.StartNew();
        var outcomes = await FuzzRun.RunAsync(settings, routes, context, connections: 4, ct);
        var summary = $"seed {settings.Seed}: {outcomes.Count} requests over {routes.Count} routes in {clock.Elapsed.TotalSeconds:0.0} s"
            + Environment.NewLine + Summary(outcomes);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "tracking-fuzz-summary.txt"), summary, ct);

        var failures = outcomes.Where(o => o.Violations.Count > 0).ToList();
        Assert.True(failures.Count == 0, Report(settings, failures) + "The app logged:\n" + string.Join("\n", errors.Errors.Distinct().Take(20)));
        if (settings.Only is not null) return;
        Assert.True(outcomes.Count >= 5_000 || settings.Requests < 5_000, $"only {outcomes.Count} requests");
        var unvisited = routes.Select(r => r.Label).Except(outcomes.Select(o => o.Request.Label)).ToList();
        Assert.True(unvisited.Count == 0, "routes never fuzzed: " + string.Join(", ", unvisited));
        // A fuzz refused at the door proves nothing: each kind of endpoint must also have been reached and answered.
        Assert.Contains(outcomes, o => o.Request.Expect == Expect.Landing && o.Response?.Status == 302);
        Assert.Contains(outcomes, o => o.Request.Expect == Expect.Gif && o.Response?.Status == 200);
        Assert.Contains(outcomes, o => o.Request.Label.StartsWith("POST /postback", StringComparison.Ordinal) && o.Response?.Status == 200);
        Assert.Contains(outcomes, o => o.Request.Label.StartsWith("GET /postback", StringComparison.Ordinal) && o.Response?.Status == 200);
        Assert.Contains(outcomes, o => o.Request.Label == "POST /p/collect" && o.Response?.Status == 200);
        Assert.Contains(outcomes, o => o.Request.Label.StartsWith("POST /api/", StringComparison.Ordinal) && o.Response?.Status is 200 or 201);
        Assert.Contains(outcomes, o => o.Request.Label.StartsWith("POST /dashboard", StringComparison.Ordinal) && o.Response?.Status is 200 or 302);
        Assert.Equal(2, await app.WithDb(db => Task.FromResult(db.Offers.Count(o => context.ClickOffers.Contains(o.Id) && o.LandingUrl.Contains(FuzzSetup.LandingHost)))));
    }

    private static string Summary(IReadOnlyList<FuzzOutcome> outcomes) =>
        string.Join(Environment.NewLine, outcomes.GroupBy(o => o.Request.Label).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            $"{g.Key,-60} {g.Count(),5}  " + string.Join(" ", g.GroupBy(o => o.Response?.Status ?? 0).OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Count()}"))));

    private static string Report(FuzzSettings settings, IReadOnlyList<FuzzOutcome> failures)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{failures.Count} requests broke a rule (seed {settings.Seed}). Replay them with:");
        sb.AppendLine($"  TRACKING_FUZZ_SEED={settings.Seed} TRACKING_FUZZ_ONLY={string.Join(',', failures.Take(20).Select(f => f.Request.Index))} "
            + "dotnet test --project tests/Tracking.Api.Tests -- --filter-class Tracking.Api.Tests.Fuzz.HttpFuzzTests");
        foreach (var f in failures.Take(25))
        {
            sb.AppendLine($"#{f.Request.Index} {f.Request.Label}: {string.Join("; ", f.Violations)}");
            sb.AppendLine("  sent: " + RawHttp.Show(f.Request.Bytes, 500));
        }
        return sb.ToString();
    }
}
