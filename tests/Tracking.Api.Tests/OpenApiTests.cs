using System.Net;
using System.Text.Json;
using Tracking.Api.Tests.Support;

namespace Tracking.Api.Tests;

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
    }
}
