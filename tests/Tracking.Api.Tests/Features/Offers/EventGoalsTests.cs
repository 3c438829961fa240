using System.Net;

namespace Tracking.Api.Tests.Features.Offers;

/// <summary>Issue 11.5: an offer's event names mapped onto its goals, through the API; an unmapped event is refused and kept in the debug log.</summary>
public sealed class EventGoalsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheMappingIsSetThroughTheApiAndAPostbackOfAMappedEventConverts()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var api = app.Api();
        var patched = await (await api.PatchJson($"/api/offers/{s.OfferId}", new { event_goals = new Dictionary<string, string> { ["AF_Purchase"] = "purchase" } }))
            .Json(HttpStatusCode.OK);
        Assert.Equal("purchase", (string?)patched["event_goals"]!["af_purchase"]);
        Assert.Equal("purchase", (string?)(await api.GetJson($"/api/offers/{s.OfferId}/integration"))["event_goals"]!["af_purchase"]);
        await (await api.PatchJson($"/api/offers/{s.OfferId}", new { event_goals = new Dictionary<string, string> { ["af_x"] = "nope" } }))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_event_goals");

        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        var mapped = await client.PostbackAsync($"click_id={clickId}&goal=af_purchase&amount=20&token={s.Token}");
        Assert.Equal(HttpStatusCode.OK, mapped.StatusCode);
        var installed = await client.PostbackAsync($"click_id={clickId}&event=_install&token={s.Token}");
        Assert.Equal(HttpStatusCode.OK, installed.StatusCode);
        await app.AllDecided();
        var goals = (await api.GetJsonAsync("/api/conversions")).Items().Select(c => c.Str("goal")).Order();
        Assert.Equal(["install", "purchase"], goals);
    }

    [Fact]
    public async Task AnUnmappedEventIsRefusedAsUnknownGoalAndListedInTheDebugLog()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        var response = await client.PostbackAsync($"click_id={clickId}&goal=af_level_achieved&token={s.Token}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("unknown_goal", problem.Reason());
        Assert.Contains("af_level_achieved", problem.GetProperty("detail").GetString());

        // Refused at once, and in the log a moment later (on SQLite once moved from the staging file, decision 0023).
        await app.AllStored();
        var log = (await app.Api().GetJsonAsync("/api/hits?method=postback&outcome=unknown_goal")).Items();
        Assert.Equal("af_level_achieved", Assert.Single(log).Str("goal"));
    }
}
