using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tracking.Api.Tests.Http;

public sealed class OpenApiTests
{
    [Fact]
    public async Task TheOpenApiDocumentDescribesIngressAndManagementAndScalarServesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new TrackingApp();
        var client = app.Public();
        var document = await client.GetAsync("/openapi/v1.json", ct);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync(ct));
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/postback", paths);
        Assert.Contains("/api/conversions", paths);
        Assert.Contains("/api/reports/discrepancies", paths);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/v1", ct)).StatusCode);
    }

    [Fact]
    public async Task AnUnknownPathIsAProblemDetails404()
    {
        await using var app = new TrackingApp();
        var response = await app.Public().GetAsync("/nothing-here", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        await response.AssertProblem(HttpStatusCode.NotFound, "not_found");
        var wrongMethod = await app.Public().DeleteAsync("/postback", TestContext.Current.CancellationToken);
        await wrongMethod.AssertProblem(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    /// <summary>
    /// Issue 9: every operation tells clients the whole truth: a summary, parameters named as clients send them, the
    /// X-Api-Key scheme on every /api operation, and every 4xx answer as problem details with the reasons it can carry.
    /// </summary>
    [Fact]
    public async Task EveryOperationHasASummarySnakeCaseParametersItsSecurityAndItsRefusalsWithReasons()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new TrackingApp();
        using var json = JsonDocument.Parse(await app.Public().GetStringAsync("/openapi/v1.json", ct));
        var root = json.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("info").GetProperty("title").GetString()));
        Assert.Contains("X-Api-Key", root.GetProperty("info").GetProperty("description").GetString());
        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"),
            (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));

        var problems = new List<string>();
        var operations = 0;
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "patch" or "put" or "delete"))
            {
                operations++;
                var name = $"{op.Name.ToUpperInvariant()} {path.Name}";
                problems.AddRange(Check(name, path.Name, op.Value));
            }
        }
        Assert.True(operations >= 30, $"only {operations} operations in the document");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static readonly Regex SnakeCase = new("^[a-z][a-z0-9_]*$");

    private static IEnumerable<string> Check(string name, string path, JsonElement op)
    {
        if (!op.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            yield return $"{name}: no summary";
        if (op.TryGetProperty("parameters", out var parameters))
        {
            foreach (var p in parameters.EnumerateArray())
                if (!SnakeCase.IsMatch(p.GetProperty("name").GetString()!)) yield return $"{name}: parameter '{p.GetProperty("name")}' is not snake_case";
        }
        var api = path.StartsWith("/api/", StringComparison.Ordinal);
        var secured = op.TryGetProperty("security", out var security) && security.EnumerateArray().Any(s => s.TryGetProperty("ApiKey", out _));
        if (api != secured) yield return $"{name}: {(api ? "lacks" : "should not have")} the ApiKey security requirement";
        var responses = op.GetProperty("responses");
        if (api && !(responses.TryGetProperty("401", out _) && responses.TryGetProperty("403", out _)))
            yield return $"{name}: no 401 and 403 for the API key";
        foreach (var response in responses.EnumerateObject().Where(r => r.Name.StartsWith('4')))
        {
            var content = response.Value.TryGetProperty("content", out var c) ? c : default;
            // The tracking link is opened by a person's browser: its refusal is a page, documented as text/html.
            if (name == "GET /c/{offer_id}" && content.ValueKind == JsonValueKind.Object && content.TryGetProperty("text/html", out _)) continue;
            if (content.ValueKind != JsonValueKind.Object || !content.TryGetProperty("application/problem+json", out var problem)
                || !problem.GetProperty("schema").GetRawText().Contains("ProblemDetails", StringComparison.Ordinal))
                yield return $"{name} {response.Name}: not problem details";
            var description = response.Value.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
            var reasons = Regex.Matches(description, "`([a-z_]+)`").Select(m => m.Groups[1].Value).Where(r => r != "reason").ToList();
            if (reasons.Count == 0) yield return $"{name} {response.Name}: the description names no reason ('{description}')";
        }
    }
}
