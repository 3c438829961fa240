namespace Tracking.Api.Ingress;

/// <summary>The raw bytes of a signed postback's body, read once and rewound so the form or JSON reader reads them again.</summary>
public static class SignedBody
{
    /// <summary>The body up to <paramref name="maxBytes"/>; a longer one is cut there (the body reader then refuses it as too large).</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, int maxBytes)
    {
        request.EnableBuffering(maxBytes + 1);
        var buffer = new byte[maxBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), request.HttpContext.RequestAborted)) > 0) read += n;
        request.Body.Position = 0;
        return buffer.AsMemory(0, read);
    }
}
