using DotNet.Testcontainers.Containers;

namespace Tracking.IntegrationTests.Servers;

/// <summary>
/// Where a real server comes from, in order: a connection string in the environment (what <c>scripts/services.sh up</c>
/// prints, and what <c>.ci/run</c> sets), else a Testcontainers container when a Docker engine answers, else nowhere, and
/// then every test that needs it is skipped with <see cref="Unavailable"/> as the reason.
/// </summary>
public abstract class ServerSource(string variable, string what, string hint) : IAsyncLifetime
{
    private IContainer? _container;

    /// <summary>The server's connection string (admin rights), or null when there is none.</summary>
    public string? ConnectionString { get; private set; }

    /// <summary>Why there is no server, for the skip message.</summary>
    public string Unavailable { get; private set; } = "";

    /// <summary>Where the server came from, for the test output.</summary>
    public string Origin { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            ConnectionString = fromEnvironment;
            Origin = $"{variable} from the environment";
            return;
        }
        try
        {
            var container = CreateContainer();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await container.StartAsync(timeout.Token);
            _container = container;
            ConnectionString = ConnectionStringOf(container);
            Origin = "a Testcontainers container";
        }
        catch (Exception ex)
        {
            Unavailable = $"{what} tests skipped: {variable} is not set and Testcontainers could not start a container " +
                $"({ex.GetType().Name}: {FirstLine(ex.Message)}). {hint}";
            Console.WriteLine(Unavailable);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Skips the calling test, with the reason, when there is no server.</summary>
    public void SkipWhenUnavailable() => Assert.SkipWhen(ConnectionString is null, Unavailable);

    protected abstract IContainer CreateContainer();
    protected abstract string ConnectionStringOf(IContainer container);

    /// <summary>The running container, for tests that must act on the server itself (null for a server from the environment).</summary>
    protected IContainer? Container => _container;

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
