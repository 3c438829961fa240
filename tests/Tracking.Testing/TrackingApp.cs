using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tracking.Domain.Attribution;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Testing;

/// <summary>
/// The whole product on a real Kestrel socket (127.0.0.1, a free port), with the worker inside and the in-memory bus
/// unless a test says otherwise through <see cref="With"/>. By default on a SQLite file of its own; given a provider and a
/// connection string, on that database. Disposing it stops the app, then disposes the database it was given (dropping it).
/// </summary>
public sealed class TrackingApp : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";
    private readonly Dictionary<string, string?> _settings = new();
    private readonly List<ILoggerProvider> _loggers = [];
    private readonly IAsyncDisposable? _database;
    private TimeProvider? _clock;

    /// <summary>The product on the SQLite file <paramref name="databasePath"/>, or on a new one in the temp folder.</summary>
    public TrackingApp(string? databasePath = null)
        : this(DatabaseProvider.Sqlite, $"Data Source={databasePath ?? NewSqlitePath()}")
    {
    }

    /// <summary>The product on <paramref name="provider"/> at <paramref name="connectionString"/>; <paramref name="database"/> is disposed after the app.</summary>
    public TrackingApp(string provider, string connectionString, IAsyncDisposable? database = null)
    {
        (Provider, ConnectionString, _database) = (provider, connectionString, database);
        // Kestrel's own endpoint, bound by the app itself: with UseKestrel(0) the factory rewrote the server's addresses
        // while the app's thread could already be binding them (TrackingAppTests).
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    public string Provider { get; }
    public string ConnectionString { get; }

    /// <summary>The SQLite file of an app on SQLite.</summary>
    public string DatabasePath => string.Equals(Provider, DatabaseProvider.Sqlite, StringComparison.OrdinalIgnoreCase)
        ? new SqliteConnectionStringBuilder(ConnectionString).DataSource
        : throw new InvalidOperationException($"The app runs on {Provider}, not on a SQLite file.");

    /// <summary>
    /// Holds the factory's thread this long after the host is built and before it is started, as a busy machine may; the
    /// app's own thread goes on meanwhile and binds Kestrel (see TrackingAppTests).
    /// </summary>
    public TimeSpan PauseAfterBuild { get; init; }

    /// <summary>Overrides a configuration value (call before the first client).</summary>
    public TrackingApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>The app's logs also go to <paramref name="provider"/> (call before the first client).</summary>
    public TrackingApp WithLogger(ILoggerProvider provider)
    {
        _loggers.Add(provider);
        return this;
    }

    /// <summary>The app reads the time from <paramref name="clock"/> instead of the system's (call before the first client).</summary>
    public TrackingApp WithClock(TimeProvider clock)
    {
        _clock = clock;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (_clock is { } clock) builder.ConfigureTestServices(services => services.AddSingleton(clock));
        builder.UseSetting("Tracking:Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Tracking", ConnectionString);
        builder.UseSetting("Tracking:AdminApiKey", AdminKey);
        builder.UseSetting("Tracking:SeedDemo", "false");
        builder.UseSetting("Tracking:Worker:ConcurrentMessageLimit", "4");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var startFailure = new StartFailure();
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(startFailure);
            foreach (var provider in _loggers) logging.AddProvider(provider);
        });
        try
        {
            return base.CreateHost(PauseAfterBuild > TimeSpan.Zero ? new PausedBuild(builder, PauseAfterBuild) : builder);
        }
        catch (ObjectDisposedException) when (startFailure.Exception is { } failure)
        {
            // A minimal-API app starts on its own thread; when its start fails and it disposes its services before the
            // factory's thread asks them for the lifetime (a busy machine), the factory sees only the disposal. The start's
            // own failure is the answer (TrackingAppTests).
            ExceptionDispatchInfo.Throw(failure);
            throw;
        }
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

    /// <summary>
    /// A new file under the temp directory's <c>tracking-tests</c>. Tests reopen a path after disposing the app that made
    /// it (restarts), so files stay until a later run: the first path of a run removes those more than a day old.
    /// </summary>
    public static string NewSqlitePath() => Path.Combine(TestDatabases.Value, Guid.NewGuid().ToString("N") + ".db");

    private static readonly Lazy<string> TestDatabases = new(() =>
    {
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "tracking-tests"));
        foreach (var file in directory.EnumerateFiles())
            try
            {
                if (file.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1)) file.Delete();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Still open somewhere: left for a later run.
            }
        return directory.FullName;
    });
}
