using System.Net;
using System.Text.Json;

namespace Tracking.Api.Tests.Operations;

/// <summary>The probes an orchestrator calls: no API key, JSON with each check's status.</summary>
public sealed class HealthEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LiveAnswers200WithoutAnApiKeyAndChecksNothing()
    {
        await using var app = new TrackingApp();
        var response = await app.Public().GetAsync("/health/live", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task ReadyAnswers200WhenTheDatabaseAndTheBusAreHealthy()
    {
        await using var app = new TrackingApp();
        var body = await ReadyAsync(app, HttpStatusCode.OK);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", Check(body, "database"));
        Assert.Equal("Healthy", Check(body, "masstransit-bus"));
    }

    [Fact]
    public async Task ReadyAnswers503WhenTheDatabaseIsGone()
    {
        await using var app = new TrackingApp();
        await ReadyAsync(app, HttpStatusCode.OK);
        // The file disappears under the running process (a lost volume): the open connections go on, new ones cannot.
        File.Move(app.DatabasePath, app.DatabasePath + ".gone");

        var body = await ReadyAsync(app, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", Check(body, "database"));
        Assert.Equal("Healthy", Check(body, "masstransit-bus"));
        Assert.Equal(HttpStatusCode.OK, (await app.Public().GetAsync("/health/live", Ct)).StatusCode);
    }

    /// <summary>The bus becomes ready a moment after the server listens, so the expected answer is waited for.</summary>
    private static async Task<JsonElement> ReadyAsync(TrackingApp app, HttpStatusCode expected)
    {
        var client = app.Public();
        var response = await Eventually.Until(() => client.GetAsync("/health/ready", Ct), r => r.StatusCode == expected,
            TimeSpan.FromSeconds(20), $"/health/ready to answer {(int)expected}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
        return await response.JsonAsync();
    }

    private static string? Check(JsonElement body, string name) =>
        body.GetProperty("checks").GetProperty(name).GetProperty("status").GetString();
}
