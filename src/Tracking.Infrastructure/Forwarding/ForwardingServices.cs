using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Tracking.Domain.Forwarding;

namespace Tracking.Infrastructure.Forwarding;

public static class ForwardingServices
{
    /// <summary>
    /// The delivery planner with its store and events, the queue, and the <c>forwarding</c> HTTP client: a timeout from
    /// Microsoft.Extensions.Http.Resilience and no retry there (retries are durable, in the database), no redirects,
    /// no cookies, and at most <c>ConnectionsPerHost</c> connections to one partner.
    /// </summary>
    public static IServiceCollection AddForwarding(this IServiceCollection services)
    {
        services.AddScoped<IForwardingStore, EfForwardingStore>();
        services.AddScoped<IConversionEvents, BusConversionEvents>();
        services.AddScoped<DeliveryPlanner>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<DeliverySender>();
        services.AddHttpClient(DeliverySender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
                MaxConnectionsPerServer = sp.GetRequiredService<IOptions<TrackingOptions>>().Value.Forwarding.ConnectionsPerHost,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .AddResilienceHandler("forwarding-timeout", (pipeline, context) =>
                pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<TrackingOptions>>().Value.Forwarding.Timeout));
        return services;
    }
}
