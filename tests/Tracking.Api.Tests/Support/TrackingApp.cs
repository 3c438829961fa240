using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Domain.Attribution;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Tests.Support;

/// <summary>
/// The whole product on a real Kestrel socket (127.0.0.1, a free port) and a real SQLite file of its own,
/// with the worker inside as in the embedded default.
/// </summary>
public sealed class TrackingApp : WebApplicationFactory<Program>, IProductHost
{
    public const string AdminKey = "test-admin-key";
    private readonly Dictionary<string, string?> _settings = new();

    public TrackingApp(string? databasePath = null)
    {
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), "tracking-tests", Guid.NewGuid().ToString("N") + ".db");
        UseKestrel(0);
    }

    public string DatabasePath { get; }

    /// <summary>Overrides a configuration value (call before the first client).</summary>
    public TrackingApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Tracking", $"Data Source={DatabasePath}");
        builder.UseSetting("Tracking:AdminApiKey", AdminKey);
        builder.UseSetting("Tracking:SeedDemo", "false");
        builder.UseSetting("Tracking:Worker:ConcurrentMessageLimit", "4");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    /// <summary>A client for the public ingress: no API key, no redirects followed, cookies handled by the test.</summary>
    public HttpClient Public()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri(address),
        };
    }

    /// <summary>A client for <c>/api</c> carrying the admin key.</summary>
    public HttpClient Api()
    {
        var client = Public();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Runs <paramref name="work"/> with a DbContext of the running app (for seeding and for asserting what was stored).</summary>
    public async Task<T> WithDb<T>(Func<TrackingDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        var result = await work(db);
        Services.GetRequiredService<ICatalog>().Invalidate();
        return result;
    }
}
