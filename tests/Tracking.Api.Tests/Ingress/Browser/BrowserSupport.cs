using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Tracking.Api.Tests.Ingress.Browser;

/// <summary>
/// The advertiser's own web site: a second tiny Kestrel server on 127.0.0.1 that the browser reaches as
/// <c>http://advertiser.test:{port}</c>, so its pages are a different site from the tracker (which the browser reaches as
/// <c>http://127.0.0.1:{port}</c>) and the tracker's cookies are third-party there, as in real life.
/// </summary>
public sealed class AdvertiserSite : IAsyncDisposable
{
    public const string Host = "advertiser.test";
    private readonly Dictionary<string, string> _pages = new();
    private readonly WebApplication _app;

    private AdvertiserSite(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public static async Task<AdvertiserSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var site = new AdvertiserSite(builder.Build());
        site._app.Run(async http =>
        {
            string? html;
            lock (site._pages) site._pages.TryGetValue(http.Request.Path.Value ?? "", out html);
            http.Response.StatusCode = html is null ? 404 : 200;
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(html ?? "<!doctype html><title>Not found</title>");
        });
        await site._app.StartAsync(TestContext.Current.CancellationToken);
        var port = new Uri(site._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        site.Url = new Uri($"http://{Host}:{port}");
        return site;
    }

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> as a small HTML page; returns its absolute URL.</summary>
    public string Page(string path, string body)
    {
        lock (_pages) _pages[path] = $"<!doctype html><html><head><meta charset=utf-8><title>{path}</title></head><body>{body}</body></html>";
        return new Uri(Url, path).ToString();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>Headless Debian Chromium driven by Playwright; the test is skipped when that browser is not installed.</summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser) => (_playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        Assert.SkipUnless(File.Exists(ExecutablePath),
            $"Browser tests need Debian's chromium at {ExecutablePath} (apt-get install -y chromium); it is not installed.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                // The advertiser's host name points at its loopback server: no DNS, no HTTPS upgrade attempts.
                $"--host-resolver-rules=MAP {AdvertiserSite.Host} 127.0.0.1",
                "--disable-features=HttpsUpgrades",
            ],
        });
        return new Chromium(playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
