using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Api.Access;

namespace Tracking.Api.Tests.Features.Keys;

/// <summary>Issue 10: <c>/api/keys</c>: a key per role shown once, stored as a hash, revoked at once, its last use recorded.</summary>
public sealed class KeysApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AKeyOfEachRoleIsShownOnceAndTheListShowsItsPrefixOnly()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var api = app.Api();
        var bodies = new object[]
        {
            new { name = "ops", role = "admin" }, new { name = "analysis", role = "analyst" },
            new { name = "acme", role = "advertiser", advertiser_id = s.AdvertiserId }, new { name = "partner", role = "affiliate", affiliate_id = s.AffiliateId },
        };
        var created = new List<System.Text.Json.Nodes.JsonNode>();
        foreach (var body in bodies) created.Add(await AccessWorld.KeyAsync(api, body));

        Assert.All(created, k => Assert.Matches(new Regex("^trk_[0-9a-f]{40}$"), k.Str("key")));
        Assert.All(created, k => Assert.Equal(k.Str("key")[..12], k.Str("prefix")));
        Assert.Equal(["admin", "analyst", "advertiser", "affiliate"], created.Select(k => k.Str("role")));
        Assert.Equal(s.AdvertiserId, (int?)created[2]["advertiser_id"]);
        Assert.Equal(s.AffiliateId, (int?)created[3]["affiliate_id"]);
        Assert.Null(created[0]["advertiser_id"]);
        Assert.NotNull(created[1]["created_at"]);

        var list = (await api.GetJson("/api/keys")).Items();
        Assert.Equal(created.Select(k => k.Id()), list.Select(k => k.Id()));
        Assert.All(list, k => Assert.Null(k["key"]));
        Assert.Equal(created.Select(k => k.Str("prefix")), list.Select(k => k.Str("prefix")));
        Assert.All(list, k => Assert.Null(k["revoked_at"]));
        var page = await api.GetJson("/api/keys?limit=3");
        Assert.Equal("3", (string?)page["next_cursor"]);
        Assert.Single((await api.GetJson("/api/keys?cursor=3")).Items());
        Assert.Single((await AsClient(app, created[2]).GetJson("/api/advertisers")).Items());
    }

    [Fact]
    public async Task TheDatabaseHoldsOnlyTheKeysHash()
    {
        await using var app = new TrackingApp();
        var key = (await AccessWorld.KeyAsync(app.Api(), new { name = "analysis", role = "analyst" })).Str("key");
        await (await AsClient(app, key).GetAsync("/api/offers", Ct)).Json(HttpStatusCode.OK);

        var stored = Database.Rows(app.DatabasePath, "SELECT key_hash, prefix FROM api_keys", r => (r.GetString(0), r.GetString(1))).Single();
        Assert.Equal((Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), key[..12]), stored);
        foreach (var file in new[] { app.DatabasePath, app.DatabasePath + "-wal" }.Where(File.Exists))
        {
            var bytes = await ReadSharedAsync(file);
            Assert.False(bytes.Contains(key), $"{Path.GetFileName(file)} holds the plain key");
            Assert.False(bytes.Contains(key[12..]), $"{Path.GetFileName(file)} holds the secret part of the key");
        }
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedAtOnceAndItsConsoleSessionEnds()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var created = await AccessWorld.KeyAsync(api, new { name = "analysis", role = "analyst" });
        var client = AsClient(app, created);
        await (await client.GetAsync("/api/conversions", Ct)).Json(HttpStatusCode.OK);
        var caller = await AuthenticateAsync(app, created.Str("key"));
        Assert.True(await ActiveAsync(app, caller!));

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/keys/{created.Id()}", Ct)).StatusCode);
        await (await client.GetAsync("/api/conversions", Ct)).AssertProblem(HttpStatusCode.Forbidden, "api_key_invalid");
        Assert.False(await ActiveAsync(app, caller!));
        Assert.Null(await AuthenticateAsync(app, created.Str("key")));
        Assert.NotNull((await api.GetJson("/api/keys")).Items().Single()["revoked_at"]);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/keys/{created.Id()}", Ct)).StatusCode);
        await (await api.DeleteAsync("/api/keys/999", Ct)).AssertProblem(HttpStatusCode.NotFound, "not_found");
        await (await api.DeleteAsync("/api/keys/abc", Ct)).AssertProblem(HttpStatusCode.BadRequest, "invalid_id");
    }

    [Fact]
    public async Task TheBootstrapAdminKeyKeepsWorkingAndItsSessionLastsWhileItIsTheConfiguredKey()
    {
        await using var app = new TrackingApp();
        var admin = await AuthenticateAsync(app, TrackingApp.AdminKey);
        Assert.Equal((Roles.Admin, 0), (admin!.Role, admin.KeyId));
        Assert.True(await ActiveAsync(app, admin));
        Assert.False(await ActiveAsync(app, admin with { Stamp = "0000000000000000" }));
        Assert.False(await ActiveAsync(app, Caller.BootstrapAdmin));
        await (await app.Public().GetAsync("/api/keys", Ct)).AssertProblem(HttpStatusCode.Unauthorized, "api_key_missing");
    }

    [Fact]
    public async Task LastUsedAtIsSetOnUseAndWrittenAtMostOnceAMinute()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var created = await AccessWorld.KeyAsync(api, new { name = "analysis", role = "analyst" });
        Assert.Null((await api.GetJson("/api/keys")).Items().Single()["last_used_at"]);
        var client = AsClient(app, created);
        await (await client.GetAsync("/api/offers", Ct)).Json(HttpStatusCode.OK);
        var first = (string?)(await api.GetJson("/api/keys")).Items().Single()["last_used_at"];
        Assert.NotNull(first);
        await Task.Delay(50, Ct);
        await (await client.GetAsync("/api/offers", Ct)).Json(HttpStatusCode.OK);
        Assert.Equal(first, (string?)(await api.GetJson("/api/keys")).Items().Single()["last_used_at"]);
    }

    [Fact]
    public async Task BadBodiesAnswerTheirReasonsAndOnlyTheAdminManagesKeys()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var api = app.Api();
        async Task Refused(object body, string reason) =>
            await (await api.PostJson("/api/keys", body)).AssertProblem(HttpStatusCode.BadRequest, reason);
        await Refused(new { name = "x" }, "invalid_role");
        await Refused(new { name = "x", role = "root" }, "invalid_role");
        await Refused(new { role = "analyst" }, "name_required");
        await Refused(new { name = "x", role = "advertiser" }, "invalid_advertiser_id");
        await Refused(new { name = "x", role = "advertiser", advertiser_id = 999 }, "invalid_advertiser_id");
        await Refused(new { name = "x", role = "analyst", advertiser_id = s.AdvertiserId }, "invalid_advertiser_id");
        await Refused(new { name = "x", role = "affiliate" }, "invalid_affiliate_id");
        await Refused(new { name = "x", role = "affiliate", affiliate_id = 999 }, "invalid_affiliate_id");
        await Refused(new { name = "x", role = "admin", affiliate_id = s.AffiliateId }, "invalid_affiliate_id");
        await (await api.PostRaw("/api/keys", "{")).AssertProblem(HttpStatusCode.BadRequest, "invalid_body");

        var analyst = AsClient(app, await AccessWorld.KeyAsync(api, new { name = "analysis", role = "analyst" }));
        await (await analyst.GetAsync("/api/keys", Ct)).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        await (await analyst.PostJson("/api/keys", new { name = "me too", role = "admin" })).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Single((await api.GetJson("/api/keys")).Items());
    }

    private static HttpClient AsClient(TrackingApp app, System.Text.Json.Nodes.JsonNode created) => AsClient(app, created.Str("key"));

    private static HttpClient AsClient(TrackingApp app, string key)
    {
        var client = app.Public();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<Caller?> AuthenticateAsync(TrackingApp app, string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IKeyAuthenticator>().AuthenticateAsync(key, Ct);
    }

    private static async Task<bool> ActiveAsync(TrackingApp app, Caller caller)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IKeyAuthenticator>().IsActiveAsync(caller, Ct);
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return await reader.ReadToEndAsync(Ct);
    }
}
