using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tracking.Api.Tests.Features.Conversions;

/// <summary>
/// Issue 11.8 through HTTP: <c>POST /api/conversions/status</c> changes many conversions, chosen by id or by the list's
/// filter, each as one change would: its history, and its forward or reversal fired once.
/// </summary>
public sealed class BulkStatusTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IdsAndFiltersChangeEachConversionOnceWithHistoryAndOneForwardEach()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = new TrackingApp().FastRetries();
        var s = await app.OfferAsync(o => o.Configure(null, null, null, null, null, holdForApproval: true, null));
        await app.TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={conversion_id}&s={status}"), trigger = "approved", reversal_url = receiver.Url("/rev?c={conversion_id}") });
        var traffic = new Traffic(app, s);
        for (var i = 0; i < 4; i++) await traffic.PostbackAsync(await traffic.ClickAsync(), query: $"&order_id=B{i}");
        await traffic.SettledAsync();
        var api = app.Api();
        var ids = (await api.GetJsonAsync("/api/conversions")).Items().Select(c => c.Str("id")!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(4, ids.Length);

        var first = await Bulk(api, new { status = "approved", ids = new[] { ids[0], ids[1], "nope", ids[0] } });
        Assert.Equal((2, 0, 1), Counts(first));
        Assert.Equal(["nope"], first.GetProperty("not_found_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((0, 2, 0), Counts(await Bulk(api, new { status = "approved", ids = new[] { ids[0], ids[1] } })));
        await receiver.RequestsUntil(2);

        var byFilter = await Bulk(api, new { status = "rejected", filter = new { offer_id = s.OfferId, status = "pending" } });
        Assert.Equal((2, 0, 0), Counts(byFilter));
        Assert.Equal(2, (await api.GetJsonAsync("/api/conversions?status=rejected")).Items().Length);
        Assert.Equal((1, 0, 0), Counts(await Bulk(api, new { status = "rejected", ids = new[] { ids[0] } })));
        await receiver.RequestsUntil(3);
        await Task.Delay(500, Ct); // a second forward or reversal would show now

        var paths = receiver.Requests.Select(r => r.PathAndQuery).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([$"/pb?c={ids[0]}&s=approved", $"/pb?c={ids[1]}&s=approved", $"/rev?c={ids[0]}"], paths);
        var history = (await api.GetJsonAsync($"/api/conversions/{ids[0]}")).GetProperty("status_history").EnumerateArray()
            .Select(h => $"{h.Str("from")}>{h.Str("to")}:{h.Str("source")}").ToArray();
        Assert.Equal(["pending>approved:api", "approved>rejected:api"], history[1..]);
    }

    [Fact]
    public async Task ABadSelectionOrTooManyIdsAnswer400WithAReason()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        await Refused(api, new { status = "approved" }, "invalid_selection");
        await Refused(api, new { status = "approved", ids = new[] { "a" }, filter = new { } }, "invalid_selection");
        await Refused(api, new { status = "approved", ids = Array.Empty<string>() }, "invalid_selection");
        await Refused(api, new { status = "paid", ids = new[] { "a" } }, "invalid_status");
        await Refused(api, new { status = "approved", filter = new { method = "fax" } }, "invalid_method");
        await Refused(api, new { status = "approved", ids = Enumerable.Range(0, 1001).Select(i => $"c{i}").ToArray() }, "too_many_conversions");
        Assert.Equal((0, 0, 1), Counts(await Bulk(api, new { status = "approved", ids = new[] { "nope" } })));
    }

    [Fact]
    public async Task AnAdvertisersKeyChangesOnlyItsOffersConversionsAndAnAnalystsKeyIsRefused()
    {
        await using var app = new TrackingApp();
        var (mine, theirs) = (await app.OfferAsync(), await app.OfferAsync());
        foreach (var s in new[] { mine, theirs })
        {
            var traffic = new Traffic(app, s);
            await traffic.PostbackAsync(await traffic.ClickAsync());
        }
        await app.AllDecided();
        var admin = app.Api();
        var key = (await Keys.AccessWorld.KeyAsync(admin, new { name = "acme", role = "advertiser", advertiser_id = mine.AdvertiserId })).Str("key");
        var analyst = (await Keys.AccessWorld.KeyAsync(admin, new { name = "analysis", role = "analyst" })).Str("key");
        var theirId = Assert.Single((await admin.GetJsonAsync($"/api/conversions?offer_id={theirs.OfferId}")).Items()).Str("id");

        var advertiser = app.Public();
        advertiser.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal((1, 0, 0), Counts(await Bulk(advertiser, new { status = "rejected", filter = new { } })));
        Assert.Equal((0, 0, 1), Counts(await Bulk(advertiser, new { status = "rejected", ids = new[] { theirId } })));
        Assert.Equal("approved", (await admin.GetJsonAsync($"/api/conversions/{theirId}")).Str("status"));
        Assert.Single((await admin.GetJsonAsync("/api/conversions?status=rejected")).Items());

        var reader = app.Public();
        reader.DefaultRequestHeaders.Add("X-Api-Key", analyst);
        var refused = await reader.PostAsJsonAsync("/api/conversions/status", new { status = "rejected", filter = new { } }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Single((await admin.GetJsonAsync("/api/conversions?status=rejected")).Items());
    }

    private static async Task<JsonElement> Bulk(HttpClient api, object body)
    {
        var response = await api.PostAsJsonAsync("/api/conversions/status", body, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static async Task Refused(HttpClient api, object body, string reason)
    {
        var response = await api.PostAsJsonAsync("/api/conversions/status", body, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(reason, (await response.JsonAsync()).Reason());
    }

    private static (int, int, int) Counts(JsonElement r) =>
        (r.GetProperty("changed").GetInt32(), r.GetProperty("unchanged").GetInt32(), r.GetProperty("not_found").GetInt32());
}
