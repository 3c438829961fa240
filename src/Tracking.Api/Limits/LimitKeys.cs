using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tracking.Api.Access;
using Tracking.Api.Ingress;
using Tracking.Domain.Attribution;
using Tracking.Domain.Clicks;
using Tracking.Infrastructure;

namespace Tracking.Api.Limits;

/// <summary>
/// The partition a limited request counts against, found before the rate limiter (whose partitioner cannot wait): a postback's
/// advertiser, from the click id in its URL through the codec and the catalog cache; an <c>/api</c> call's key, by
/// authenticating it here (the authorization middleware reuses the result); otherwise the client's address, an IPv6 one by
/// its /64 (one host usually holds the whole prefix).
/// </summary>
public sealed class LimitKeys(RequestDelegate next, IOptions<TrackingOptions> options, ClickIdCodec codec, ICatalog catalog)
{
    private readonly RateLimitOptions _limits = options.Value.RateLimits;

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<Limited>() is { } limited)
        {
            var key = limited.Policy switch
            {
                RateLimits.Postbacks when _limits.Postbacks.Enabled => await AdvertiserAsync(http),
                RateLimits.Api when _limits.Api.Enabled => await KeyAsync(http),
                _ => null,
            };
            if (key is not null) http.Features.Set(new Key(key));
        }
        await next(http);
    }

    /// <summary>The partition found for the request, or its client's address.</summary>
    public static string Of(HttpContext http) => http.Features.Get<Key>()?.Value ?? Address(http.Connection.RemoteIpAddress);

    public static string Address(IPAddress? address)
    {
        if (address is null) return "address:unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return "address:" + address;
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return "address:" + new IPAddress(bytes) + "/64";
    }

    private async ValueTask<string?> AdvertiserAsync(HttpContext http)
    {
        foreach (var name in IngressParameters.Postback.ClickId)
        {
            if (!codec.TryParse(IngressParameters.Value(http.Request.Query[name]), out var click)) continue;
            var offer = await catalog.FindOfferAsync(click.OfferId, http.RequestAborted);
            return offer is null ? null : "advertiser:" + offer.AdvertiserId.ToString(CultureInfo.InvariantCulture);
        }
        return null;
    }

    private static async Task<string?> KeyAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(AccessSchemes.ApiKey);
        return result.Succeeded && Caller.From(result.Principal) is { } caller
            ? "key:" + caller.KeyId.ToString(CultureInfo.InvariantCulture)
            : null;
    }

    private sealed record Key(string Value);
}
