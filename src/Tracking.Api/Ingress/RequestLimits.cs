using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Tracking.Api.Ingress;

/// <summary>
/// Kestrel's limits, set on purpose rather than left at their defaults. A pixel or click URL carries whatever the
/// advertiser appends (long <c>adv1..5</c> values, tracking parameters); Kestrel's 8 KiB request line refused such a
/// pixel with <c>414</c>, and the advertiser's page showed a broken image. URLs of up to 16 KiB are read; within them an
/// over-long field is the hit's outcome (<c>invalid_parameter</c>) and the pixel still answers its GIF.
/// </summary>
public static class RequestLimits
{
    /// <summary>The longest request target (path and query) a <c>GET</c> may send: 16 KiB.</summary>
    public const int MaxUrlLength = 16 * 1024;

    /// <summary>What a request line adds around the target: <c>"GET "</c> and <c>" HTTP/1.1\r\n"</c>.</summary>
    private const int GetLineOverhead = 4 + 11;

    public static void Apply(KestrelServerOptions kestrel)
    {
        kestrel.Limits.MaxRequestLineSize = MaxUrlLength + GetLineOverhead;
        // HTTP/2 carries the target in the :path header field (16 KiB by default, with its name and HPACK overhead).
        kestrel.Limits.Http2.MaxRequestHeaderFieldSize = Math.Max(kestrel.Limits.Http2.MaxRequestHeaderFieldSize, 2 * MaxUrlLength);
    }
}
