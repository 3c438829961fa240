using System.Net;
using System.Text.Json.Nodes;

namespace Tracking.Api.Tests.Features.Advertisers;

/// <summary>Issue 12.1: an advertiser's postback checks through the management API.</summary>
public sealed class AdvertiserChecksApiTests
{
    [Fact]
    public async Task ChecksAreSetOnCreateAndPatchWithAllowedIpsInCanonicalForm()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var created = await (await api.PostJson("/api/advertisers", new { name = "MMP", allowed_ips = new[] { " 52.28.0.0/16", "2A05:D014::/32", "198.51.100.7" } }))
            .Json(HttpStatusCode.Created);
        Assert.Equal(["52.28.0.0/16", "2a05:d014::/32", "198.51.100.7/32"], Ips(created));
        Assert.Equal((true, false), ((bool)created["require_token"]!, (bool)created["require_signature"]!));
        Assert.Equal(64, created.Str("signing_secret").Length);

        var patched = await (await api.PatchJson($"/api/advertisers/{created.Id()}", new { require_signature = true, require_token = false, allowed_ips = Array.Empty<string>() }))
            .Json(HttpStatusCode.OK);
        Assert.Equal((false, true), ((bool)patched["require_token"]!, (bool)patched["require_signature"]!));
        Assert.Empty(Ips(patched));
        Assert.Equal(created.Str("signing_secret"), patched.Str("signing_secret"));
    }

    [Theory]
    [InlineData("10.0.0.0/33", "'10.0.0.0/33' has a prefix length that is not a number from 0 to 32")]
    [InlineData("10.1.2.3/8", "write 10.0.0.0/8")]
    [InlineData("example.com", "'example.com' is not an IPv4 or IPv6 address or CIDR range")]
    [InlineData("2001:db8::/200", "from 0 to 128")]
    [InlineData(" ", "is empty")]
    public async Task ABadAllowedIpIsRefusedNamingIt(string entry, string detail)
    {
        await using var app = new TrackingApp();
        var response = await app.Api().PostJson("/api/advertisers", new { name = "A", allowed_ips = new[] { "127.0.0.1", entry } });
        await response.AssertProblem(HttpStatusCode.BadRequest, "invalid_allowed_ips");
        Assert.Contains(detail, (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task APostbackMustProveItselfByTheTokenOrTheSignature()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var created = await (await api.PostJson("/api/advertisers", new { name = "A" })).Json(HttpStatusCode.Created);
        var response = await api.PatchJson($"/api/advertisers/{created.Id()}", new { require_token = false });
        await response.AssertProblem(HttpStatusCode.BadRequest, "invalid_authentication");
        Assert.True((bool)(await api.GetJson($"/api/advertisers/{created.Id()}"))["require_token"]!);
    }

    private static List<string> Ips(JsonNode advertiser) => advertiser["allowed_ips"]!.AsArray().Select(n => (string)n!).ToList();
}
