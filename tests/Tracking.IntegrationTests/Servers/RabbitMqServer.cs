using System.Diagnostics;
using DotNet.Testcontainers.Containers;
using Testcontainers.RabbitMq;

namespace Tracking.IntegrationTests.Servers;

/// <summary>
/// RabbitMQ for the suite (<c>TRACKING_TEST_RABBITMQ</c>). Every test gets a virtual host of its own, so tests running
/// side by side never see each other's messages. <c>rabbitmqctl</c> comes from <c>TRACKING_TEST_RABBITMQ_CTL</c> (a
/// command prefix; <c>scripts/services.sh</c> prints it) or from the container.
/// </summary>
public sealed class RabbitMqServer() : ServerSource("TRACKING_TEST_RABBITMQ", "RabbitMQ", "Run `eval \"$(scripts/services.sh up)\"` first.")
{
    protected override IContainer CreateContainer() => new RabbitMqBuilder("rabbitmq:3.13-alpine").Build();

    protected override string ConnectionStringOf(IContainer container) => ((RabbitMqContainer)container).GetConnectionString();

    /// <summary>Whether this run can act on the broker itself (restart it, add virtual hosts).</summary>
    public bool CanControl => Container is not null || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("TRACKING_TEST_RABBITMQ_CTL"));

    /// <summary>Creates a virtual host for one test and returns the broker address that points at it.</summary>
    public async Task<string> CreateVirtualHostAsync()
    {
        SkipWhenUnavailable();
        Assert.SkipUnless(CanControl, "RabbitMQ tests need rabbitmqctl: set TRACKING_TEST_RABBITMQ_CTL (scripts/services.sh prints it).");
        var vhost = "t-" + Guid.NewGuid().ToString("N")[..12];
        await CtlAsync("add_vhost", vhost);
        var uri = new UriBuilder(ConnectionString!);
        await CtlAsync("set_permissions", "-p", vhost, Uri.UnescapeDataString(uri.UserName), ".*", ".*", ".*");
        uri.Path = "/" + vhost;
        return uri.Uri.ToString();
    }

    /// <summary>Runs <c>rabbitmqctl</c> with <paramref name="args"/> against the suite's broker and returns what it printed.</summary>
    public async Task<string> CtlAsync(params string[] args)
    {
        if (Container is not null)
        {
            var result = await Container.ExecAsync(["rabbitmqctl", .. args]);
            if (result.ExitCode != 0) throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)}: {result.Stderr}");
            return result.Stdout;
        }
        var prefix = Environment.GetEnvironmentVariable("TRACKING_TEST_RABBITMQ_CTL")!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var info = new ProcessStartInfo(prefix[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in prefix.Skip(1).Concat(args)) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)}: {await stderr}");
        return stdout;
    }
}
