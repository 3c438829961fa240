using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Tracking.Domain.Catalog;
using Tracking.Infrastructure;

namespace Tracking.Api.Ingress;

/// <summary>
/// Issue 12.1: the client address an advertiser's IP allowlist judges. It is the socket's, unless the request came through
/// one of <c>Tracking:TrustedProxies</c>: then ASP.NET Core's forwarded headers middleware takes it from
/// <c>X-Forwarded-For</c> (right to left, stopping at the first address that is not a trusted proxy). Without trusted
/// proxies the headers are ignored, loopback included (the framework's default would trust loopback).
/// </summary>
public static class ForwardedClients
{
    public static IServiceCollection AddForwardedClients(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrackingOptions>>((o, tracking) =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.ForwardLimit = null;
            var proxies = tracking.Value.TrustedProxies;
            o.ForwardedHeaders = proxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
                if (IpAllowlist.TryParse(proxy, out var network)) o.KnownIPNetworks.Add(network);
        });
        return services;
    }
}
