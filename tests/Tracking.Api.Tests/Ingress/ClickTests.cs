using System.Net;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Catalog;

namespace Tracking.Api.Tests.Ingress;

public sealed class ClickTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AClickIsStoredWithItsSubIdsAndRedirectsWithMacrosFilledAndEncoded()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var response = await client.GetAsync($"/c/{s.OfferId}?aff_id={s.AffiliateId}&sub1=a%20b%26c&sub2=two&source=fb", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var clickId = location.Split("cid=")[1].Split('&')[0];
        Assert.Equal($"https://shop.example/landing?cid={clickId}&s=a%20b%26c", location);
        Assert.True(clickId.Length <= 40);

        var click = await Eventually.Until(() => app.WithDb(db => db.Clicks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clickId)), c => c is not null);
        Assert.Equal((s.OfferId, s.AffiliateId, "a b&c", "two", "fb"), (click!.OfferId, click.AffiliateId, click.Sub1, click.Sub2, click.Source));
    }

    [Fact]
    public async Task TheClickCookieIsHttpOnlyAndLivesAsLongAsTheLookback()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync(o => o.Configure(7, null, null, null, null, null, null));
        var response = await app.Public().GetAsync($"/c/{s.OfferId}?aff_id={s.AffiliateId}", Ct);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith($"_trk_o{s.OfferId}="));
        Assert.Contains("max-age=604800", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Theory]
    [InlineData("/c/999?aff_id={aff}")]
    [InlineData("/c/{offer}?aff_id=999")]
    [InlineData("/c/{offer}?aff_id=abc")]
    [InlineData("/c/{offer}")]
    public async Task UnknownOffersAndAffiliatesGetA404PageAndNoRedirect(string path)
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var response = await app.Public().GetAsync(path.Replace("{offer}", s.OfferId.ToString()).Replace("{aff}", s.AffiliateId.ToString()), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, await app.WithDb(db => db.Clicks.CountAsync()));
    }

    [Fact]
    public async Task APausedOfferDoesNotRedirect()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync(o => o.Configure(null, null, null, null, null, null, OfferState.Paused));
        var response = await app.Public().GetAsync($"/c/{s.OfferId}?aff_id={s.AffiliateId}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheRedirectTargetNeverComesFromTheRequest()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var response = await app.Public().GetAsync(
            $"/c/{s.OfferId}?aff_id={s.AffiliateId}&url=https://evil.example/&redirect=https://evil.example/&landing_url=https://evil.example/&sub1=https://evil.example/", Ct);
        Assert.Equal("shop.example", response.Headers.Location!.Host);
    }
}
