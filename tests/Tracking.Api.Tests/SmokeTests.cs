using System.Net;

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

    [Fact]
    public async Task TheBaseUrlLeadsToTheConsoleWhichAsksForAKeyFirst()
    {
        await using var app = new TrackingApp();
        var client = app.Public();
        var start = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("/dashboard", start.Headers.Location!.ToString());
        var console = await client.GetAsync(start.Headers.Location, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.False(console.Headers.Location!.IsAbsoluteUri, "the sign-in redirect is a path on the same host");
        Assert.StartsWith("/dashboard/sign-in", console.Headers.Location.OriginalString);
        var reference = await client.GetAsync("/scalar/v1", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType!.MediaType);
    }
}
