using System.Diagnostics;
using System.Net;
using Tracking.Api.Features.Offers;

namespace Tracking.Api.Tests.Ingress.Signing;

/// <summary>Issue 12.1: the signing samples of the integration kit and the guide, run against the product as an advertiser would.</summary>
public sealed class SigningSamplesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] Samples = ["sign_postback.sh", "PostbackSigner.cs", "sign_postback.py", "sign_postback.php", "sign_postback.js"];

    [Fact]
    public async Task TheCSharpSampleSignsGetAndJsonPostbacksTheProductAccepts()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var secret = (await app.SetChecksAsync(s, new { require_signature = true })).Str("signing_secret");
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        var signer = new TrackingSamples.PostbackSigner(client.BaseAddress!.ToString().TrimEnd('/'), secret);

        var get = await signer.SendAsync(client, new() { ["click_id"] = clickId, ["goal"] = "purchase", ["order_id"] = "C 1/ü", ["token"] = s.Token });
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var json = $$"""{"click_id":"{{clickId}}","goal":"purchase","order_id":"C2","token":"{{s.Token}}"}""";
        Assert.Equal(HttpStatusCode.OK, (await signer.SendJsonAsync(client, json)).StatusCode);
        await app.Decided(await get.HitIdAsync());
    }

    [Theory]
    [InlineData("python3", "sign_postback.py")]
    [InlineData("node", "sign_postback.js")]
    public async Task TheScriptSampleOfTheIntegrationKitIsAccepted(string interpreter, string sample)
    {
        var path = Executable(interpreter);
        Assert.SkipWhen(path is null, $"{interpreter} is not installed: the {sample} sample cannot run here.");
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        await app.SetChecksAsync(s, new { require_signature = true });
        var (clickId, _) = await app.Public().ClickAsync(s);
        var kit = await app.Api().GetJson($"/api/offers/{s.OfferId}/integration");
        var script = (string)kit["signing"]![interpreter == "node" ? "node" : "python"]!;
        Assert.DoesNotContain(SigningKit.SecretPlaceholder, script);

        var (exit, output) = await RunAsync(path!, script, sample, $"click_id={clickId}", "goal=purchase", "amount=9.99", "order_id=K 1&x", $"token={s.Token}");
        Assert.True(exit == 0, output);
        Assert.StartsWith("200 ", output);
    }

    [Fact]
    public async Task TheCurlSampleOfTheIntegrationKitIsAccepted()
    {
        var bash = Executable("bash");
        Assert.SkipWhen(bash is null || Executable("curl") is null || Executable("openssl") is null, "bash, curl or openssl is not installed.");
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        await app.SetChecksAsync(s, new { require_signature = true });
        var (clickId, _) = await app.Public().ClickAsync(s);
        var script = (string)(await app.Api().GetJson($"/api/offers/{s.OfferId}/integration"))["signing"]!["curl"]!;

        var (exit, output) = await RunAsync(bash!, script, "sign_postback.sh", clickId, "A1", s.Token);
        Assert.True(exit == 0, output);
        Assert.Contains("\"status\":\"accepted\"", output);
    }

    [Fact]
    public void TheAdvertisersGuideShowsEverySampleAsShipped()
    {
        var guide = File.ReadAllText(Path.Combine(Repository.Root(), "docs", "integration", "advertisers.md"));
        Assert.All(Samples, sample => Assert.True(guide.Contains(SigningKit.Read(sample).TrimEnd(), StringComparison.Ordinal),
            $"docs/integration/advertisers.md does not show {sample} as in src/Tracking.Api/Features/Offers/Signing"));
    }

    private static string? Executable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static async Task<(int Exit, string Output)> RunAsync(string interpreter, string script, string name, params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("signing-sample-");
        try
        {
            var file = Path.Combine(folder.FullName, name);
            await File.WriteAllTextAsync(file, script, Ct);
            var start = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(file);
            foreach (var arg in args) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(Ct);
            var error = process.StandardError.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            return (process.ExitCode, (await output) + (await error));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
