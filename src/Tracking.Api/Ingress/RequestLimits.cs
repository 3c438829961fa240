using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Tracking.Infrastructure;

namespace Tracking.Api.Ingress;

/// <summary>
/// Kestrel's limits, set on purpose rather than left at their defaults (decision 0016; docs/deployment.md, "Request limits";
/// <c>Tracking:Requests</c>). A pixel or click URL carries whatever the advertiser appends (long <c>adv1..5</c> values,
/// tracking parameters); Kestrel's 8 KiB request line refused such a pixel with <c>414</c>, and the advertiser's page showed
/// a broken image. URLs of up to 16 KiB are read; within them an over-long field is the hit's outcome
/// (<c>invalid_parameter</c>) and the pixel still answers its GIF.
/// </summary>
public static class RequestLimits
{
    /// <summary>The longest request target (path and query) a <c>GET</c> may send: 16 KiB.</summary>
    public const int MaxUrlLength = 16 * 1024;

    /// <summary>What a request line adds around the target: <c>"GET "</c> and <c>" HTTP/1.1\r\n"</c>.</summary>
    private const int GetLineOverhead = 4 + 11;

    public static void Apply(KestrelServerOptions kestrel, IOptions<TrackingOptions> options)
    {
        var set = options.Value.Requests;
        var limits = kestrel.Limits;
        limits.MaxRequestLineSize = MaxUrlLength + GetLineOverhead;
        // Browsers send 10-25 headers and proxies add a few; 100 leaves room for a CDN's and a tracing system's own.
        limits.MaxRequestHeaderCount = set.MaxHeaderCount;
        // Cookies are most of it (ours are one click id per offer); 32 KiB holds a page's worth of third-party cookies.
        limits.MaxRequestHeadersTotalSize = set.MaxHeadersTotalSize;
        // Ingress bodies are capped far lower by their readers (postback 16 KiB, beacon 8 KiB, with reason body_too_large);
        // this covers the rest (/api JSON, console forms). The reconciliation upload sets its own (256 MiB) per request.
        limits.MaxRequestBodySize = set.MaxBodySize;
        // A body that trickles in holds a connection and a buffer: below this rate, after the grace, it ends with 408.
        limits.MinRequestBodyDataRate = set.MinBodyBytesPerSecond > 0 ? new MinDataRate(set.MinBodyBytesPerSecond, set.MinBodyRateGrace) : null;
        limits.MinResponseDataRate = set.MinBodyBytesPerSecond > 0 ? new MinDataRate(set.MinBodyBytesPerSecond, set.MinBodyRateGrace) : null;
        // Longer than the idle timeout of the usual load balancers (60 s), so the proxy closes an idle connection first and
        // never sends a request on one Kestrel is closing.
        limits.KeepAliveTimeout = set.KeepAliveTimeout;
        // Slowloris: a client dribbling its headers is cut off after this; a real one sends them in one packet.
        limits.RequestHeadersTimeout = set.RequestHeadersTimeout;
        limits.MaxConcurrentConnections = set.MaxConnections > 0 ? set.MaxConnections : null;
        // No endpoint upgrades a connection (no WebSockets): an upgrade is refused rather than held open.
        limits.MaxConcurrentUpgradedConnections = 0;
        // HTTP/2 carries the target in the :path header field (16 KiB by default, with its name and HPACK overhead).
        limits.Http2.MaxRequestHeaderFieldSize = Math.Max(limits.Http2.MaxRequestHeaderFieldSize, 2 * MaxUrlLength);
        // Kestrel's HTTP/2 defaults stay on purpose: 100 streams per connection, a 16 KiB frame, a 4 KiB HPACK table.
    }
}
