using System.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tracking.Api.Tests.Operations;

/// <summary>
/// deploy/ cannot be started here (no Docker engine): the compose file is validated by Compose itself when a Compose tool
/// is installed, and its topology is checked by reading it in any case. The images are not built by any test.
/// </summary>
public sealed class DeploymentFileTests
{
    private static readonly string Deploy = Path.Combine(Root(), "deploy");

    [Fact]
    public async Task TheComposeFileIsValidForCompose()
    {
        using var validate = Process.Start(new ProcessStartInfo("bash", [Path.Combine(Deploy, "validate.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await validate.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)
            + await validate.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await validate.WaitForExitAsync(TestContext.Current.CancellationToken);
        if (validate.ExitCode == 2) Assert.Skip(output.Trim());
        Assert.True(validate.ExitCode == 0, output);
    }

    [Fact]
    public void TheComposeFileRunsTwoApisAndTwoWorkersOnSqlServerAndRabbitMq()
    {
        var services = (YamlMappingNode)Load()["services"];
        Assert.Equal(["api", "rabbitmq", "sqlserver", "worker"], services.Children.Keys.Select(k => k.ToString()).Order());
        foreach (var name in new[] { "api", "worker" })
        {
            var service = (YamlMappingNode)services[name];
            var environment = (YamlMappingNode)service["environment"];
            Assert.Equal("SqlServer", environment["Tracking__Database__Provider"].ToString());
            Assert.Equal("RabbitMq", environment["Tracking__Bus__Transport"].ToString());
            Assert.Contains("ConnectionStrings__Tracking", environment.Children.Keys.Select(k => k.ToString()));
            Assert.Contains("ConnectionStrings__RabbitMq", environment.Children.Keys.Select(k => k.ToString()));
            Assert.Equal("2", ((YamlMappingNode)service["deploy"])["replicas"].ToString());
            var dependsOn = (YamlMappingNode)service["depends_on"];
            Assert.All(new[] { "sqlserver", "rabbitmq" }, d => Assert.Equal("service_healthy", ((YamlMappingNode)dependsOn[d])["condition"].ToString()));
            Assert.Equal($"deploy/Dockerfile.{name}", ((YamlMappingNode)service["build"])["dockerfile"].ToString());
        }
        Assert.Equal("false", ((YamlMappingNode)((YamlMappingNode)services["api"])["environment"])["Tracking__Worker__Enabled"].ToString());
        Assert.All(new[] { "sqlserver", "rabbitmq" }, s => Assert.True(((YamlMappingNode)services[s]).Children.ContainsKey("healthcheck"), s));
    }

    [Theory]
    [InlineData("Dockerfile.api", "Tracking.Api.dll")]
    [InlineData("Dockerfile.worker", "Tracking.Worker.dll")]
    public void TheImagesBuildWithTheSdkRunOnAspNetAsNonRootAndCheckLiveness(string file, string entry)
    {
        var lines = File.ReadAllLines(Path.Combine(Deploy, file));
        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build"));
        Assert.Contains(lines, l => l == "FROM mcr.microsoft.com/dotnet/aspnet:10.0");
        Assert.Contains(lines, l => l == "USER $APP_UID");
        Assert.Contains(lines, l => l.StartsWith("HEALTHCHECK") && l.Contains("/health/live"));
        Assert.Contains(lines, l => l.StartsWith("ENTRYPOINT") && l.Contains(entry));
    }

    /// <summary>The compose file with its anchors and merge keys resolved, as Compose reads it.</summary>
    private static YamlMappingNode Load()
    {
        using var reader = new StreamReader(Path.Combine(Deploy, "compose.yaml"));
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tracking.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Tracking.sln not found above " + AppContext.BaseDirectory);
    }
}
