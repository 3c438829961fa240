using System.Net;

namespace Tracking.Api.Tests.Features.Advertisers;

public sealed class AdvertisersApiTests
{
    [Fact]
    public async Task CreatedAdvertiserHasATokenAndCanBeReadBack()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var response = await api.PostJson("/api/advertisers", new { name = "  Acme  " });
        var created = await response.Json(HttpStatusCode.Created);
        Assert.Equal("Acme", created.Str("name"));
        Assert.Equal(32, created.Str("postback_token").Length);
        Assert.NotNull(created["created_at"]);
        Assert.Equal($"/api/advertisers/{created.Id()}", response.Headers.Location!.ToString());

        var read = await api.GetJson($"/api/advertisers/{created.Id()}");
        Assert.Equal(created.ToJsonString(), read.ToJsonString());
    }

    [Fact]
    public async Task PatchRenamesAndRotatesTheToken()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var created = await (await api.PostJson("/api/advertisers", new { name = "Acme" })).Json(HttpStatusCode.Created);

        var renamed = await (await api.PatchJson($"/api/advertisers/{created.Id()}", new { name = "Acme Inc" })).Json(HttpStatusCode.OK);
        Assert.Equal("Acme Inc", renamed.Str("name"));
        Assert.Equal(created.Str("postback_token"), renamed.Str("postback_token"));

        var rotated = await (await api.PatchJson($"/api/advertisers/{created.Id()}", new { rotate_token = true })).Json(HttpStatusCode.OK);
        Assert.Equal("Acme Inc", rotated.Str("name"));
        Assert.NotEqual(created.Str("postback_token"), rotated.Str("postback_token"));
    }

    [Fact]
    public async Task ListIsPagedWithACursor()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        for (var i = 1; i <= 5; i++) await (await api.PostJson("/api/advertisers", new { name = $"A{i}" })).Json(HttpStatusCode.Created);

        var first = await api.GetJson("/api/advertisers?limit=2");
        Assert.Equal(["A1", "A2"], first.Items().Select(a => a.Str("name")));
        var second = await api.GetJson($"/api/advertisers?limit=2&cursor={first.Str("next_cursor")}");
        Assert.Equal(["A3", "A4"], second.Items().Select(a => a.Str("name")));
        var last = await api.GetJson($"/api/advertisers?limit=2&cursor={second.Str("next_cursor")}");
        Assert.Equal(["A5"], last.Items().Select(a => a.Str("name")));
        Assert.Null(last["next_cursor"]);
        Assert.Equal(5, (await api.GetJson("/api/advertisers")).Items().Count);
    }

    [Fact]
    public async Task BadInputGetsAReason()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        await (await api.PostJson("/api/advertisers", new { })).AssertProblem(HttpStatusCode.BadRequest, "name_required");
        await (await api.PostJson("/api/advertisers", new { name = " " })).AssertProblem(HttpStatusCode.BadRequest, "name_required");
        await (await api.PostJson("/api/advertisers", new { name = new string('x', 201) })).AssertProblem(HttpStatusCode.BadRequest, "name_too_long");
        await (await api.PostRaw("/api/advertisers", "{\"name\":")).AssertProblem(HttpStatusCode.BadRequest, "invalid_body");
        await (await api.PostRaw("/api/advertisers", "")).AssertProblem(HttpStatusCode.BadRequest, "invalid_body");
        await (await api.PostRaw("/api/advertisers", "null")).AssertProblem(HttpStatusCode.BadRequest, "invalid_body");
        await (await api.PostRaw("/api/advertisers", "{\"name\": 12}")).AssertProblem(HttpStatusCode.BadRequest, "invalid_body");
        await (await api.GetAsync("/api/advertisers?limit=0", TestContext.Current.CancellationToken)).AssertProblem(HttpStatusCode.BadRequest, "invalid_limit");
        await (await api.GetAsync("/api/advertisers?limit=abc", TestContext.Current.CancellationToken)).AssertProblem(HttpStatusCode.BadRequest, "invalid_limit");
        await (await api.GetAsync("/api/advertisers?cursor=zz", TestContext.Current.CancellationToken)).AssertProblem(HttpStatusCode.BadRequest, "invalid_cursor");
        await (await api.GetAsync("/api/advertisers/999", TestContext.Current.CancellationToken)).AssertProblem(HttpStatusCode.NotFound, "not_found");
        await (await api.PatchJson("/api/advertisers/999", new { name = "x" })).AssertProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task TheApiKeyIsRequired()
    {
        await using var app = new TrackingApp();
        var anonymous = app.Public();
        var ct = TestContext.Current.CancellationToken;
        await (await anonymous.GetAsync("/api/advertisers", ct)).AssertProblem(HttpStatusCode.Unauthorized, "api_key_missing");
        await (await anonymous.PostJson("/api/offers", new { name = "x" })).AssertProblem(HttpStatusCode.Unauthorized, "api_key_missing");
        var wrong = app.Public();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");
        await (await wrong.GetAsync("/api/affiliates", ct)).AssertProblem(HttpStatusCode.Forbidden, "api_key_invalid");
        await (await wrong.PostJson("/api/advertisers", new { name = "x" })).AssertProblem(HttpStatusCode.Forbidden, "api_key_invalid");
        Assert.Empty((await app.Api().GetJson("/api/advertisers")).Items());
    }
}
