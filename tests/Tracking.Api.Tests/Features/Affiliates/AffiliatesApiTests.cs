using System.Net;

namespace Tracking.Api.Tests.Features.Affiliates;

public sealed class AffiliatesApiTests
{
    [Fact]
    public async Task AffiliatesAreCreatedListedReadAndRenamed()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var response = await api.PostJson("/api/affiliates", new { name = "Partner" });
        var created = await response.Json(HttpStatusCode.Created);
        Assert.Equal("Partner", created.Str("name"));
        Assert.Null(created["postback_token"]);
        Assert.Equal($"/api/affiliates/{created.Id()}", response.Headers.Location!.ToString());
        await (await api.PostJson("/api/affiliates", new { name = "Second" })).Json(HttpStatusCode.Created);

        var page = await api.GetJson("/api/affiliates?limit=1");
        Assert.Equal("Partner", Assert.Single(page.Items()).Str("name"));
        var next = await api.GetJson($"/api/affiliates?limit=1&cursor={page.Str("next_cursor")}");
        Assert.Equal("Second", Assert.Single(next.Items()).Str("name"));
        Assert.Null(next["next_cursor"]);

        var renamed = await (await api.PatchJson($"/api/affiliates/{created.Id()}", new { name = "Partner Ltd" })).Json(HttpStatusCode.OK);
        Assert.Equal("Partner Ltd", renamed.Str("name"));
        Assert.Equal("Partner Ltd", (await api.GetJson($"/api/affiliates/{created.Id()}")).Str("name"));
    }

    [Fact]
    public async Task BadAffiliateInputGetsAReason()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var ct = TestContext.Current.CancellationToken;
        await (await api.PostJson("/api/affiliates", new { name = "" })).AssertProblem(HttpStatusCode.BadRequest, "name_required");
        await (await api.PostRaw("/api/affiliates", "[1,2]")).AssertProblem(HttpStatusCode.BadRequest, "invalid_body");
        var created = await (await api.PostJson("/api/affiliates", new { name = "P" })).Json(HttpStatusCode.Created);
        await (await api.PatchJson($"/api/affiliates/{created.Id()}", new { name = "  " })).AssertProblem(HttpStatusCode.BadRequest, "name_required");
        await (await api.GetAsync("/api/affiliates/4242", ct)).AssertProblem(HttpStatusCode.NotFound, "not_found");
        await (await api.PatchJson("/api/affiliates/4242", new { name = "x" })).AssertProblem(HttpStatusCode.NotFound, "not_found");
    }
}
