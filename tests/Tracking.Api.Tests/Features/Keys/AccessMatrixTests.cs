using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Api.Access;
using Tracking.Api.Http;

namespace Tracking.Api.Tests.Features.Keys;

/// <summary>
/// Issue 10: every role against every <c>/api</c> endpoint, read from the app's own route table, so an endpoint added without
/// a row in <see cref="AccessMatrix"/> fails here. Tenant one's keys must see tenant one and never tenant two.
/// </summary>
public sealed class AccessMatrixTests(AccessWorld world) : IClassFixture<AccessWorld>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] RoleOrder = [Roles.Admin, Roles.Analyst, Roles.Advertiser, Roles.Affiliate];

    [Fact]
    public void EveryApiEndpointHasARowAndEveryRowAnEndpoint()
    {
        var routes = ApiRoutes().Keys.ToHashSet();
        var rows = AccessMatrix.Rows.Select(r => r.Route).ToHashSet();
        Assert.True(routes.SetEquals(rows),
            $"without a row: {string.Join(", ", routes.Except(rows))}; without an endpoint: {string.Join(", ", rows.Except(routes))}");
    }

    [Fact]
    public void EveryEndpointThatCanAnswerForbiddenDeclaresIt()
    {
        var routes = ApiRoutes();
        var undeclared = AccessMatrix.Rows.Where(r => r.Expect.Contains('F'))
            .Where(r => !routes[r.Route].Metadata.GetOrderedMetadata<RefusalReasons>().Any(x => x.Reasons.Contains(Problems.Forbidden)))
            .Select(r => r.Route).ToList();
        Assert.True(undeclared.Count == 0, $"forbidden not declared on {string.Join(", ", undeclared)}");
    }

    [Fact]
    public async Task EveryRoleGetsWhatTheMatrixSaysOnEveryApiEndpoint()
    {
        var failures = new List<string>();
        foreach (var row in AccessMatrix.Rows)
        {
            for (var i = 0; i < RoleOrder.Length; i++)
                failures.AddRange(await CheckAsync(row, RoleOrder[i], row.Expect[i]));
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task AnAnalystReadsSecretsMaskedAndAnAffiliateSeesNoRevenueNorHits()
    {
        var analyst = world.Clients[Roles.Analyst];
        var advertiser = await analyst.GetJson($"/api/advertisers/{world.Own.AdvertiserId}");
        Assert.Matches(@"^\*{4}[0-9a-f]{4}$", advertiser.Str("postback_token"));
        var kit = await analyst.GetJson($"/api/offers/{world.Own.OfferId}/integration");
        Assert.Contains("token=****", kit.Str("postback_url"));
        var own = await world.Clients[Roles.Advertiser].GetJson($"/api/advertisers/{world.Own.AdvertiserId}");
        Assert.Equal(32, own.Str("postback_token").Length);

        var affiliate = world.Clients[Roles.Affiliate];
        Assert.NotNull((string?)(await affiliate.GetJson($"/api/affiliates/{world.Own.AffiliateId}"))["signing_secret"]);
        var conversion = await affiliate.GetJson($"/api/conversions/{world.Own.ConversionId}");
        Assert.Null(conversion["revenue"]);
        Assert.Null(conversion["hits"]);
        Assert.NotNull(conversion["payout"]);
        Assert.All((await affiliate.GetJson("/api/conversions")).Items(), c => Assert.Null(c["revenue"]));
        Assert.NotNull((await world.Clients[Roles.Advertiser].GetJson($"/api/conversions/{world.Own.ConversionId}"))["hits"]);
    }

    [Fact]
    public async Task TheDiscrepancyReportFiltersByOfferAffiliateAndGoal()
    {
        var admin = world.Clients[Roles.Admin];
        const string Report = "/api/reports/discrepancies?group_by=offer";
        Assert.Equal(2, (await admin.GetJson(Report)).Items().Count(r => (int?)r["group"] is not null));
        Assert.Equal([world.Own.OfferId], (await admin.GetJson($"{Report}&offer_id={world.Own.OfferId}")).Items().Select(r => (int)r["group"]!));
        Assert.Equal([world.Other.OfferId], (await admin.GetJson($"{Report}&affiliate_id={world.Other.AffiliateId}")).Items().Select(r => (int)r["group"]!));
        Assert.Equal(2, (await admin.GetJson($"{Report}&goal=conversion")).Items().Sum(r => (int)r["conversions"]!));
        Assert.Empty((await admin.GetJson($"{Report}&goal=install")).Items());
        await (await admin.GetAsync($"{Report}&offer_id=x", Ct)).AssertProblem(HttpStatusCode.BadRequest, "invalid_offer_id");
        await (await admin.GetAsync($"{Report}&affiliate_id=0", Ct)).AssertProblem(HttpStatusCode.BadRequest, "invalid_affiliate_id");
        Assert.Empty((await world.Clients[Roles.Advertiser].GetJson($"{Report}&offer_id={world.Other.OfferId}")).Items());
    }

    private async Task<IEnumerable<string>> CheckAsync(MatrixRow row, string role, char expect)
    {
        var client = world.Clients[role];
        var (status, body) = await SendAsync(client, row.Request(world.Own));
        var what = $"{role} {row.Route}";
        if (expect == 'F')
            return status == HttpStatusCode.Forbidden && Reason(body) == Problems.Forbidden ? [] : [$"{what}: expected 403 forbidden, got {(int)status} {body}"];
        if ((int)status is < 200 or > 299) return [$"{what}: expected 2xx on its own tenant, got {(int)status} {body}"];
        if (row.Foreign is { } foreign)
        {
            var foreignRows = JsonNode.Parse(body)!["items"]!.AsArray().Count(item => foreign(item!, world.Other));
            if (expect == 'O' && foreignRows > 0) return [$"{what}: the list shows {foreignRows} rows of the other tenant"];
            if (expect == 'A' && foreignRows == 0) return [$"{what}: the list shows no row of the other tenant"];
            return [];
        }
        var (otherStatus, otherBody) = await SendAsync(client, row.Request(world.Other));
        if (expect == 'A')
            return (int)otherStatus is >= 200 and <= 299 ? [] : [$"{what}: expected 2xx on the other tenant, got {(int)otherStatus} {otherBody}"];
        if (row.OtherSkipped is { } skipped)
            return (int)otherStatus is >= 200 and <= 299 && skipped(JsonNode.Parse(otherBody)!) ? []
                : [$"{what}: expected the other tenant's ids left alone, got {(int)otherStatus} {otherBody}"];
        return Reason(otherBody) == row.OtherReason && (int)otherStatus == Problems.StatusOf(row.OtherReason) ? []
            : [$"{what}: expected {row.OtherReason} on the other tenant, got {(int)otherStatus} {otherBody}"];
    }

    private static async Task<(HttpStatusCode, string)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            var response = await client.SendAsync(request, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }
    }

    private static string? Reason(string body)
    {
        try
        {
            return (string?)JsonNode.Parse(body)?["reason"];
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>"METHOD /api/..." of every endpoint under /api, from the app's route table.</summary>
    private Dictionary<string, RouteEndpoint> ApiRoutes()
    {
        world.App.Public().Dispose();
        var endpoints = world.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var routes = new Dictionary<string, RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            if (!path.StartsWith("/api/", StringComparison.Ordinal)) continue;
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                routes[$"{method} {path}"] = endpoint;
        }
        return routes;
    }
}
