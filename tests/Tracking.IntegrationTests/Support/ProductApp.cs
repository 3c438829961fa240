using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Domain.Attribution;
using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Servers;

namespace Tracking.IntegrationTests.Support;

/// <summary>
/// The whole product on a real Kestrel socket (127.0.0.1, a free port) over a real server database of its own, with the
/// worker inside and the in-memory bus unless a test says otherwise through <see cref="With"/> (e.g. the RabbitMQ transport).
/// Disposing it stops the app, then drops its database.
/// </summary>
public sealed class ProductApp : WebApplicationFactory<Program>, IProductHost
{
    public const string AdminKey = "test-admin-key";
    private readonly Dictionary<string, string?> _settings = new();
    private readonly IAsyncDisposable? _database;

    public ProductApp(string provider, string connectionString, IAsyncDisposable? database = null)
    {
        (Provider, ConnectionString, _database) = (provider, connectionString, database);
        UseKestrel(0);
    }

    public string Provider { get; }
    public string ConnectionString { get; }

    /// <summary>The product on an empty PostgreSQL database of its own (skips the test when there is no server).</summary>
    public static async Task<ProductApp> OnPostgresAsync(PostgresServer server)
    {
        var database = await server.CreateDatabaseAsync();
        return new ProductApp(DatabaseProvider.Postgres, database.ConnectionString, database);
    }

    /// <summary>Overrides a configuration value (call before the first client).</summary>
    public ProductApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Tracking:Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Tracking", ConnectionString);
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
        StartServer();
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        var result = await work(db);
        Services.GetRequiredService<ICatalog>().Invalidate();
        return result;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
