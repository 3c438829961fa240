using System.Net;
using Tracking.Api.Tests.Support;

namespace Tracking.Api.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task ClickRedirectsToTheOffersLandingUrlOverRealHttp()
    {
        await using var app = new TrackingApp();
        var seeded = await app.OfferAsync();
        var client = app.Public();
        Assert.True(client.BaseAddress!.IsLoopback && client.BaseAddress.Port > 0);
        var response = await client.GetAsync($"/c/{seeded.OfferId}?aff_id={seeded.AffiliateId}&sub1=x", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://shop.example/landing?cid=", response.Headers.Location!.ToString());
    }
}
