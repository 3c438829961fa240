using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;

namespace Tracking.Api.Tests.Ingress;

/// <summary>
/// Issue 12.5: the embedded default's disk fills up (a real file system: a 16 MiB tmpfs holding the SQLite file, filled
/// with a file). Postbacks are answered 503 <c>unavailable</c> with <c>Retry-After</c> within the deadline, pixels their
/// GIF, the process does not crash, and once there is room again postbacks are accepted and decided without a restart.
/// </summary>
public sealed class DiskFullTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFullDiskAnswersUnavailableWithRetryAfterAndAcceptsAgainOnceThereIsRoom()
    {
        var mount = Directory.CreateTempSubdirectory("tracking-full-").FullName;
        Assert.SkipUnless(await RunAsync("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount) == 0,
            "Mounting a small tmpfs needs root (CAP_SYS_ADMIN); the disk-full test runs where it may.");
        try
        {
            await using var app = new TrackingApp(Path.Combine(mount, "tracking.db")).With("Tracking:Ingress:AcceptTimeout", "00:00:02")
                // A hit whose deciding failed on the full disk is decided again by the relay (the hit log is the outbox).
                .With("Tracking:Worker:RelayAfter", "00:00:05");
            var s = await app.OfferAsync();
            var client = app.Public();
            var (click, _) = await client.ClickAsync(s);
            var first = await client.PostbackAsync($"click_id={click}&goal=purchase&amount=5&order_id=before&token={s.Token}");
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var accepted = new List<string> { await first.HitIdAsync() };

            var filler = Path.Combine(mount, "filler");
            Fill(filler);
            // The write-ahead log may still have room of its own: send until a postback finds the disk full.
            HttpResponseMessage full = null!;
            var took = TimeSpan.Zero;
            for (var n = 0; n < 2000; n++)
            {
                var started = Stopwatch.GetTimestamp();
                full = await client.PostbackAsync($"click_id={click}&goal=purchase&amount=5&order_id=full-{n}&token={s.Token}");
                took = Stopwatch.GetElapsedTime(started);
                if (full.StatusCode != HttpStatusCode.OK) break;
                accepted.Add(await full.HitIdAsync());
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
            Assert.Equal("unavailable", (await full.JsonAsync()).Reason());
            Assert.Equal("5", full.Headers.RetryAfter?.ToString());
            Assert.True(took < TimeSpan.FromSeconds(5), $"the refusal took {took.TotalSeconds:0.00} s");
            var pixel = await client.PixelAsync(s.OfferId, $"click_id={click}&goal=purchase&order_id=pixel-full");
            Assert.Equal((HttpStatusCode.OK, "image/gif"), (pixel.StatusCode, pixel.Content.Headers.ContentType?.MediaType));

            File.Delete(filler);
            var again = await Eventually.Until(
                () => client.PostbackAsync($"click_id={click}&goal=purchase&amount=5&order_id=after&token={s.Token}"),
                r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "a postback accepted once the disk has room");
            accepted.Add(await again.HitIdAsync());
            var decided = await Eventually.Until(
                () => app.WithDb(db => Task.FromResult(db.Hits.Count(h => accepted.Contains(h.Id) && h.Outcome == "converted"))),
                n => n == accepted.Count, TimeSpan.FromSeconds(90), "every accepted postback converted");
            Assert.Equal(accepted.Count, decided);
            SqliteConnection.ClearAllPools();
        }
        finally
        {
            await RunAsync("umount", "-l", mount);
        }
    }

    /// <summary>Writes into <paramref name="path"/> until the file system refuses (ENOSPC).</summary>
    private static void Fill(string path)
    {
        var chunk = new byte[64 * 1024];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true) file.Write(chunk);
        }
        catch (IOException)
        {
            // Full: what the test wants.
        }
    }

    private static async Task<int> RunAsync(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(info)!;
            await process.WaitForExitAsync(Ct);
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
