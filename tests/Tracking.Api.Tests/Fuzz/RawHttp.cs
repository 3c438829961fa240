using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tracking.Api.Tests.Fuzz;

/// <summary>An answer as it came off the socket: status, every header line as sent, and the decoded body.</summary>
public sealed record RawResponse(int Status, IReadOnlyList<string> HeaderLines, byte[] Body)
{
    public IEnumerable<(string Name, string Value)> Headers => HeaderLines.Select(l =>
    {
        var colon = l.IndexOf(':');
        return colon < 0 ? (l, "") : (l[..colon], l[(colon + 1)..].Trim());
    });

    public string? Header(string name) =>
        Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
}

/// <summary>
/// HTTP/1.1 over a plain socket, one connection per request (<c>Connection: close</c>), so that bytes HttpClient would refuse
/// to send (malformed UTF-8, bare CR or LF, raw spaces) reach Kestrel, and every response header line is seen as written.
/// </summary>
public static class RawHttp
{
    public static async Task<RawResponse> SendAsync(IPEndPoint server, byte[] request, bool head, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server, cts.Token);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        // A server that answers before reading the whole body (413, 400) may reset the connection under a large write:
        // what it answered is still read.
        try
        {
            await stream.WriteAsync(request, cts.Token);
        }
        catch (IOException)
        {
        }
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, cts.Token);
        }
        catch (IOException) when (received.Length > 0)
        {
        }
        return Parse(received.ToArray(), head);
    }

    /// <summary>Reads a complete response; throws when there is none (no status line, headers cut short, body cut short).</summary>
    public static RawResponse Parse(byte[] data, bool headRequest)
    {
        var start = 0;
        // Interim answers (100 Continue) come before the final one.
        while (data.AsSpan(start).StartsWith("HTTP/1.1 1"u8) && IndexOf(data, "\r\n\r\n"u8, start) is var interim and >= 0) start = interim + 4;
        data = data[start..];
        var end = IndexOf(data, "\r\n\r\n"u8, 0);
        if (end < 0) throw new InvalidDataException($"no complete response head in {data.Length} bytes: {Show(data, 200)}");
        var head = Encoding.Latin1.GetString(data, 0, end);
        var lines = head.Split("\r\n");
        var statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !statusParts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(statusParts[1], out var status))
            throw new InvalidDataException($"not a status line: {lines[0]}");
        var response = new RawResponse(status, lines[1..], []);
        var body = data.AsSpan(end + 4);
        if (headRequest || status is 204 or 304) return response;
        if (response.Header("Transfer-Encoding") is { } te && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            return response with { Body = Dechunk(body) };
        if (response.Header("Content-Length") is { } length)
        {
            var n = int.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
            if (body.Length < n) throw new InvalidDataException($"body cut short: {body.Length} of {n} bytes");
            return response with { Body = body[..n].ToArray() };
        }
        return response with { Body = body.ToArray() };
    }

    public static string Show(ReadOnlySpan<byte> bytes, int max)
    {
        var sb = new StringBuilder();
        foreach (var b in bytes[..Math.Min(bytes.Length, max)])
            sb.Append(b is >= 0x20 and < 0x7f and not (byte)'\\' ? (char)b : $"\\x{b:x2}");
        if (bytes.Length > max) sb.Append($"... ({bytes.Length} bytes)");
        return sb.ToString();
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> body)
    {
        var output = new MemoryStream();
        var at = 0;
        while (true)
        {
            var lineEnd = IndexOf(body, "\r\n"u8, at);
            if (lineEnd < 0) throw new InvalidDataException("chunked body cut short");
            var sizeText = Encoding.ASCII.GetString(body[at..lineEnd]).Split(';')[0];
            var size = Convert.ToInt32(sizeText, 16);
            if (size == 0) return output.ToArray();
            if (lineEnd + 2 + size > body.Length) throw new InvalidDataException("chunk cut short");
            output.Write(body.Slice(lineEnd + 2, size));
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int IndexOf(ReadOnlySpan<byte> data, ReadOnlySpan<byte> value, int from)
    {
        var i = data[from..].IndexOf(value);
        return i < 0 ? -1 : from + i;
    }
}
