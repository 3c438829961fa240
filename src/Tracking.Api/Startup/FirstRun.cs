using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tracking.Domain.Catalog;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Persistence;
using Tracking.Infrastructure.Startup;

namespace Tracking.Api.Startup;

/// <summary>
/// Once the server listens: prints the URL, the admin key when this start generated it, and, on an empty database,
/// creates a demo advertiser, offer, goals and affiliate and prints the links to try (turn off with Tracking:SeedDemo=false).
/// </summary>
public sealed class FirstRun(IServer server, IHostApplicationLifetime lifetime, IServiceScopeFactory scopes, Secrets secrets,
    IOptions<TrackingOptions> options, TimeProvider time, Tracking.Domain.Attribution.ICatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => AnnounceAsync(CancellationToken.None), CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task AnnounceAsync(CancellationToken ct)
    {
        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        url = url.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://+", "://localhost");
        var lines = new List<string> { "", $"Tracking is listening on {url}", $"  Open first:    {url}/ (the console, {url}{StartPage.Path}; sign in with the admin key)",
            $"  API reference: {url}{StartPage.ApiReference}" };
        if (secrets.GeneratedAdminKey is { } key)
            lines.Add($"  Admin API key (shown once, keep it; or set Tracking__AdminApiKey): {key}");
        if (options.Value.SeedDemo && await SeedDemoAsync(ct) is { } demo)
        {
            lines.Add("  A demo was created. Try it:");
            lines.Add($"    tracking link: {url}/c/{demo.OfferId}?aff_id={demo.AffiliateId}&sub1=demo");
            lines.Add($"    image pixel:   <img src=\"{url}/p/{demo.OfferId}.gif?goal=purchase&amount=10&order_id=ORDER\" width=1 height=1>");
            lines.Add($"    JS pixel:      <script src=\"{url}/t.js\"></script><script>trk('conversion', {{offer_id: {demo.OfferId}, goal: 'purchase', amount: 10, order_id: 'ORDER'}})</script>");
            lines.Add($"    postback:      {url}/postback?click_id={{click_id}}&goal=purchase&amount=10&order_id=ORDER&token={demo.Token}");
        }
        Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
    }

    private async Task<(int OfferId, int AffiliateId, string Token)?> SeedDemoAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        if (await db.Advertisers.AnyAsync(ct)) return null;
        var now = time.GetUtcNow().UtcDateTime;
        var advertiser = new Advertiser("Demo Advertiser", now);
        var affiliate = new Affiliate("Demo Affiliate", now);
        db.AddRange(advertiser, affiliate);
        await db.SaveChangesAsync(ct);
        var offer = new Offer(advertiser.Id, "Demo Offer", "https://example.com/landing?click_id={click_id}&sub1={sub1}", now);
        offer.AddGoal("install", true, 2m, AmountKind.Fixed, 1m, AmountKind.Fixed);
        offer.AddGoal("purchase", false, 10m, AmountKind.Percent, 5m, AmountKind.Percent);
        db.Offers.Add(offer);
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        return (offer.Id, affiliate.Id, advertiser.PostbackToken);
    }
}
