#!/usr/bin/env bash
# Reproduction (issue 13): System.Threading.Channels on this runtime can lose an item when a ReadAsync(token) is cancelled
# while a writer hands it over. The ingress log's publishing loop used to gather committed batches that way, under its
# Bus:PublishLinger token (IngressLog.GatherAsync); it now waits with WaitToReadAsync and takes with TryRead. One reader
# gathers up to 64 items under a random linger of up to 2 ms, as that loop does, while a writer TryWrites in bursts;
# prints how many of the written items each way received. The race is rare and timing-dependent: run it more than once.
set -euo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat >"$dir/ChannelRace.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
</Project>
XML
cat >"$dir/Program.cs" <<'CS'
using System.Threading.Channels;

const int Total = 2_000_000;
foreach (var waitThenTry in new[] { false, true })
{
    var channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
    long received = 0;
    var reader = Task.Run(async () =>
    {
        while (await channel.Reader.WaitToReadAsync())
        {
            using var linger = new CancellationTokenSource(TimeSpan.FromTicks(Random.Shared.Next(1, 20_000)));
            try
            {
                for (var taken = 0; taken < 64; taken++)
                {
                    if (!waitThenTry) await channel.Reader.ReadAsync(linger.Token);
                    else
                    {
                        while (!channel.Reader.TryRead(out _))
                            if (!await channel.Reader.WaitToReadAsync(linger.Token)) throw new ChannelClosedException();
                    }
                    received++;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
            {
                // Lingered long enough (or closed): take what is left, as the publishing loop does.
            }
            while (channel.Reader.TryRead(out _)) received++;
        }
    });
    var writer = Task.Run(async () =>
    {
        for (var i = 0; i < Total; i++)
        {
            channel.Writer.TryWrite(i);
            if (i % 7 == 0) await Task.Yield();
            if (i % 1000 == 0) Thread.SpinWait(Random.Shared.Next(1, 20_000));
        }
        channel.Writer.Complete();
    });
    await Task.WhenAll(reader, writer);
    Console.WriteLine($"{(waitThenTry ? "WaitToReadAsync + TryRead" : "ReadAsync(token)")}: written {Total:N0}, received {received:N0}, lost {Total - received:N0}");
}
CS
dotnet build "$dir" -c Release -nologo -v q >/dev/null
dotnet "$dir/bin/Release/net10.0/ChannelRace.dll"
