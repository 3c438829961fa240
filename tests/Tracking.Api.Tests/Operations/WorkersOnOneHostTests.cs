using System.Net;

namespace Tracking.Api.Tests.Operations;

/// <summary>
/// The README's way to scale out: "as many workers as needed with <c>dotnet run --project src/Tracking.Worker</c>", with no
/// address given. Each worker serves health and metrics; the second one on a host used to die binding the first one's
/// port (5100). Now a worker whose default port is taken listens on a free one and says which.
/// </summary>
public sealed class WorkersOnOneHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASecondWorkerStartedTheSameWayTakesAFreePortAndSaysWhich()
    {
        var dll = Repository.HostDll("Tracking.Worker");
        var folder = Path.GetDirectoryName(dll)!; // its content root, as dotnet run gives it the project folder
        var database = Path.Combine(Directory.CreateTempSubdirectory("tracking-workers-").FullName, "tracking.db");
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__Tracking"] = $"Data Source={database}" };

        await using var first = HostProcess.StartDll(dll, folder, environment, null);
        var firstUrl = await first.ListeningAsync();
        await first.WaitHealthyAsync();
        await using var second = HostProcess.StartDll(dll, folder, environment, null);
        var secondUrl = await second.ListeningAsync();
        await second.WaitHealthyAsync();

        // The first takes the default unless something else on this machine already holds it.
        var firstSays = firstUrl.Port == 5100 ? $"Health and metrics on {Root(firstUrl)}." : $"Health and metrics on {Root(firstUrl)}: port 5100 was taken";
        Assert.Contains(firstSays, first.Output);
        Assert.NotEqual(firstUrl.Port, secondUrl.Port);
        Assert.Contains($"Health and metrics on {Root(secondUrl)}: port 5100 was taken", second.Output);
        foreach (var url in new[] { firstUrl, secondUrl })
        {
            using var client = new HttpClient { BaseAddress = url };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);
        }
        Assert.False(first.HasExited || second.HasExited, "both workers keep running");
    }

    [Fact]
    public async Task AWorkerWithAnAddressConfiguredListensThereAndNowhereElse()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("tracking-workers-").FullName, "tracking.db");
        await using var worker = HostProcess.Start(database, "unused", project: "Tracking.Worker");
        await worker.WaitHealthyAsync();
        Assert.DoesNotContain("Health and metrics on", worker.Output);
        Assert.Contains($"Now listening on: {worker.Url.ToString().TrimEnd('/')}", worker.Output);
    }

    private static string Root(Uri url) => url.ToString().TrimEnd('/');
}
