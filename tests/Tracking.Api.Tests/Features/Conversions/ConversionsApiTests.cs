using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tracking.Api.Tests.Features.Conversions;

public sealed class ConversionsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListShowsWhatEachMethodSawAndFiltersByMethodGoalClickAndTime()
    {
        await using var app = new TrackingApp();
        var seeded = await app.OfferAsync();
        var traffic = new Traffic(app, seeded);
        var both = await traffic.BothAsync("o-1", "20");
        var postbackOnly = await traffic.ClickAsync();
        await traffic.PostbackAsync(postbackOnly, query: "&amount=5");
        await traffic.SettledAsync();
        var api = app.Api();

        var all = (await api.GetJsonAsync("/api/conversions")).Items();
        Assert.Equal(2, all.Length);
        Assert.True(string.CompareOrdinal(all[0].Str("id"), all[1].Str("id")) > 0, "newest first");
        var b = Assert.Single((await api.GetJsonAsync("/api/conversions?method=both")).Items());
        Assert.Equal(both, b.Str("click_id"));
        Assert.Equal(["pixel", "postback"], b.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("purchase", b.Str("goal"));
        Assert.Equal("o-1", b.Str("order_id"));
        Assert.Equal(20m, b.GetProperty("amount").GetDecimal());
        Assert.Equal(2m, b.GetProperty("revenue").GetDecimal());
        Assert.Equal(20m, b.GetProperty("pixel").GetProperty("amount").GetDecimal());
        Assert.Equal("USD", b.GetProperty("postback").Str("currency"));
        Assert.Equal("s1", b.Str("sub1"));
        Assert.Equal("feed", b.Str("source"));
        Assert.Equal("exact", b.Str("match"));
        Assert.Equal("approved", b.Str("status"));
        Assert.False(b.GetProperty("awaiting").GetBoolean());
        Assert.Equal(JsonValueKind.Null, b.GetProperty("discrepancy").ValueKind);
        Assert.False(b.TryGetProperty("hits", out _), "hits are in the single view only");

        var p = Assert.Single((await api.GetJsonAsync("/api/conversions?method=postback")).Items());
        Assert.Equal(postbackOnly, p.Str("click_id"));
        Assert.Equal(JsonValueKind.Null, p.GetProperty("pixel").ValueKind);
        Assert.True(p.GetProperty("awaiting").GetBoolean(), "one method, still within the 24 h grace period");
        Assert.Empty((await api.GetJsonAsync("/api/conversions?method=pixel")).Items());

        Assert.Single((await api.GetJsonAsync("/api/conversions?goal=purchase")).Items());
        Assert.Single((await api.GetJsonAsync($"/api/conversions?click_id={postbackOnly}")).Items());
        Assert.Equal(2, (await api.GetJsonAsync($"/api/conversions?offer_id={seeded.OfferId}&affiliate_id={seeded.AffiliateId}&status=approved&match=exact&discrepancy=none")).Items().Length);
        Assert.Empty((await api.GetJsonAsync($"/api/conversions?offer_id={seeded.OfferId + 1}")).Items());
        Assert.Empty((await api.GetJsonAsync("/api/conversions?discrepancy=amount_mismatch")).Items());
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        Assert.Equal(2, (await api.GetJsonAsync($"/api/conversions?from={today}&to={today}")).Items().Length);
        Assert.Empty((await api.GetJsonAsync($"/api/conversions?to={DateTime.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ssZ}")).Items());
    }

    [Fact]
    public async Task PagesWalkEveryConversionOnceWithTheCursor()
    {
        await using var app = new TrackingApp();
        var traffic = new Traffic(app, await app.OfferAsync());
        for (var i = 0; i < 5; i++) await traffic.PostbackAsync(await traffic.ClickAsync());
        await traffic.SettledAsync();
        var api = app.Api();

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await api.GetJsonAsync("/api/conversions?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.Items().Select(c => c.Str("id")!));
            cursor = page.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal(seen.OrderByDescending(id => id, StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task SingleViewListsHitsAndHistoryAndPatchChangesStatusKeepingHistory()
    {
        await using var app = new TrackingApp();
        var traffic = new Traffic(app, await app.OfferAsync());
        var click = await traffic.BothAsync("o-9");
        await traffic.PostbackAsync(click, "purchase", "&order_id=o-9&amount=20");
        await traffic.SettledAsync();
        var api = app.Api();
        var id = Assert.Single((await api.GetJsonAsync("/api/conversions")).Items()).Str("id");

        var one = await api.GetJsonAsync($"/api/conversions/{id}");
        Assert.Equal(1, one.GetProperty("duplicate_count").GetInt32());
        var outcomes = one.GetProperty("hits").EnumerateArray().Select(h => $"{h.Str("method")}:{h.Str("outcome")}").Order().ToArray();
        Assert.Equal(["pixel:converted", "postback:duplicate", "postback:merged"], outcomes);
        Assert.Equal(0, one.GetProperty("deliveries").GetArrayLength());
        var created = Assert.Single(one.GetProperty("status_history").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("from").ValueKind);

        var patched = await api.PatchAsJsonAsync($"/api/conversions/{id}", new { status = "rejected" }, Ct);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var after = await api.GetJsonAsync($"/api/conversions/{id}");
        Assert.Equal("rejected", after.Str("status"));
        var change = after.GetProperty("status_history").EnumerateArray().Last();
        Assert.Equal(("approved", "rejected", "api"), (change.Str("from"), change.Str("to"), change.Str("source")));
        Assert.Single((await api.GetJsonAsync("/api/conversions?status=rejected")).Items());
    }

    [Fact]
    public async Task BadInputAnswersProblemDetailsWithAReason()
    {
        await using var app = new TrackingApp();
        var traffic = new Traffic(app, await app.OfferAsync());
        await traffic.PostbackAsync(await traffic.ClickAsync());
        await traffic.SettledAsync();
        var api = app.Api();
        var id = Assert.Single((await api.GetJsonAsync("/api/conversions")).Items()).Str("id");

        var invalid = await api.PatchAsJsonAsync($"/api/conversions/{id}", new { status = "paid" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("invalid_status", (await invalid.Content.ReadFromJsonAsync<JsonElement>(Ct)).Reason());
        var missing = await api.PatchAsJsonAsync("/api/conversions/nope", new { status = "approved" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("not_found", (await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).Reason());
        Assert.Equal("not_found", (await api.GetJsonAsync("/api/conversions/nope", HttpStatusCode.NotFound)).Reason());
        Assert.Equal("invalid_method", (await api.GetJsonAsync("/api/conversions?method=fax", HttpStatusCode.BadRequest)).Reason());
        Assert.Equal("invalid_discrepancy", (await api.GetJsonAsync("/api/conversions?discrepancy=odd", HttpStatusCode.BadRequest)).Reason());
        Assert.Equal("invalid_status", (await api.GetJsonAsync("/api/conversions?status=paid", HttpStatusCode.BadRequest)).Reason());
        Assert.Equal("invalid_time", (await api.GetJsonAsync("/api/conversions?from=yesterday", HttpStatusCode.BadRequest)).Reason());
        Assert.Equal("invalid_limit", (await api.GetJsonAsync("/api/conversions?limit=1001", HttpStatusCode.BadRequest)).Reason());
        await api.GetJsonAsync("/api/conversions?offer_id=abc", HttpStatusCode.BadRequest);
    }
}
