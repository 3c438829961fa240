using System.Net;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;

namespace Tracking.Api.Tests.Ingress;

/// <summary>Issue 11.2: an advertiser's own status words, set through the API, over the defaults.</summary>
public sealed class StatusWordsTests
{
    [Fact]
    public async Task AnAdvertisersOwnWordsAreAcceptedAndAnUnknownWordNamesTheAcceptedOnes()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var (api, client) = (app.Api(), app.Public());
        var patched = await (await api.PatchJson($"/api/advertisers/{s.AdvertiserId}", new { status_words = new { OK = "approved", nope = "rejected" } }))
            .Json(HttpStatusCode.OK);
        Assert.Equal(("approved", "rejected"), (patched["status_words"]!.Str("ok"), patched["status_words"]!.Str("nope")));

        var (clickId, _) = await client.ClickAsync(s);
        var accepted = await client.PostbackAsync($"click_id={clickId}&status=Ok&token={s.Token}");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await app.Decided(await accepted.HitIdAsync());
        Assert.Equal(ConversionStatus.Approved, (await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync())).Status);

        var refused = await client.PostbackAsync($"click_id={clickId}&status=maybe&token={s.Token}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal(Reasons.InvalidStatus, problem.Reason());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("nope", detail);
        Assert.Contains("sale", detail);
    }

    [Fact]
    public async Task AWordMappedToAnUnknownStatusIsRefused()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var response = await app.Api().PatchJson($"/api/advertisers/{s.AdvertiserId}", new { status_words = new { ok = "maybe" } });
        await response.AssertProblem(HttpStatusCode.BadRequest, "invalid_status_words");
    }
}
