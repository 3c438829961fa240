using System.Net;

namespace Tracking.Api.Tests.Features.Hits;

public sealed class HitsApiTests
{
    [Fact]
    public async Task HitLogsFilterByMethodOutcomeOfferClickAndConversion()
    {
        await using var app = new TrackingApp();
        var seeded = await app.OfferAsync();
        var traffic = new Traffic(app, seeded);
        var click = await traffic.BothAsync("o-1");
        var rejected = await traffic.PostbackAsync(click, token: "wrong", expected: HttpStatusCode.Forbidden);
        await traffic.PixelAsync("", query: "&order_id=never-posted");
        await traffic.SettledAsync();
        var api = app.Api();

        var hit = await api.GetJsonAsync($"/api/hits/{rejected}");
        Assert.Equal(("postback", "get", "token_invalid"), (hit.Str("method"), hit.Str("channel"), hit.Str("outcome")));
        Assert.Equal(seeded.OfferId, hit.GetProperty("offer_id").GetInt32());
        Assert.Equal("parameter", hit.Str("click_id_source"));
        Assert.Equal(4, (await api.GetJsonAsync("/api/hits")).Items().Length);
        Assert.Equal(rejected, Assert.Single((await api.GetJsonAsync("/api/hits?outcome=token_invalid")).Items()).Str("id"));
        Assert.Equal("no_click_id", Assert.Single((await api.GetJsonAsync("/api/hits?outcome=no_click_id")).Items()).Str("outcome"));
        Assert.Empty((await api.GetJsonAsync("/api/hits?outcome=undecided")).Items());

        var pixels = (await api.GetJsonAsync("/api/hits?method=pixel")).Items();
        Assert.Equal(2, pixels.Length);
        Assert.Contains(pixels, p => p.Str("click_id_source") == "cookie" && p.Str("outcome") == "converted");
        var postbacks = (await api.GetJsonAsync($"/api/hits?method=postback&offer_id={seeded.OfferId}&click_id={click}")).Items();
        Assert.Equal(2, postbacks.Length);

        var conversionId = Assert.Single((await api.GetJsonAsync("/api/conversions")).Items()).Str("id");
        var made = (await api.GetJsonAsync($"/api/hits?conversion_id={conversionId}")).Items();
        Assert.Equal(["converted", "merged"], made.Select(h => h.Str("outcome")).Order());

        var first = await api.GetJsonAsync("/api/hits?limit=3");
        Assert.Equal(3, first.Items().Length);
        var rest = await api.GetJsonAsync($"/api/hits?limit=3&cursor={first.Str("next_cursor")}");
        Assert.Single(rest.Items());
        Assert.Null(rest.Str("next_cursor"));
    }

    [Fact]
    public async Task UnknownHitAndBadFiltersAnswerProblemDetails()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        Assert.Equal("not_found", (await api.GetJsonAsync("/api/hits/missing", HttpStatusCode.NotFound)).Reason());
        Assert.Equal("invalid_method", (await api.GetJsonAsync("/api/hits?method=email", HttpStatusCode.BadRequest)).Reason());
        Assert.Equal("invalid_time", (await api.GetJsonAsync("/api/hits?to=31/01/2026", HttpStatusCode.BadRequest)).Reason());
        Assert.Equal("invalid_limit", (await api.GetJsonAsync("/api/hits?limit=0", HttpStatusCode.BadRequest)).Reason());
    }
}
