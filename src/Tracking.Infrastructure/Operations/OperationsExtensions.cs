using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tracking.Domain.Common;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Operations;

/// <summary>Health probes, OpenTelemetry, structured logs and graceful shutdown, the same for the API and the worker host.</summary>
public static class OperationsExtensions
{
    public const string ReadyTag = "ready";
    private static readonly string[] Sources = [TrackingMetrics.Name, "MassTransit", "Npgsql"];

    /// <summary>
    /// Registers what <see cref="MapTrackingOperations"/> serves. <paramref name="serviceName"/> names the process in
    /// telemetry unless <c>OTEL_SERVICE_NAME</c> is set; <paramref name="defaultUrls"/> is where it listens when nothing
    /// else (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>) says.
    /// </summary>
    public static WebApplicationBuilder AddTrackingOperations(this WebApplicationBuilder builder, string serviceName, string? defaultUrls = null)
    {
        var (services, configuration) = (builder.Services, builder.Configuration);
        if (defaultUrls is not null && !ListensWhereConfigured(configuration)) builder.WebHost.UseUrls(defaultUrls);

        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OperationsOptions>, OperationsOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<OperationsOptions>>((host, ops) => host.ShutdownTimeout = ops.Value.ShutdownTimeout);
        // In-flight consumers finish before the bus stops; past this share of the timeout they are cancelled, unacknowledged.
        services.AddOptions<MassTransitHostOptions>().Configure<IOptions<OperationsOptions>>((bus, ops) => bus.ConsumerStopTimeout = ops.Value.ShutdownTimeout * 0.6);

        // The bus registers its own check ("masstransit-bus", tagged ready) with AddMassTransit.
        services.AddHealthChecks().AddDbContextCheck<TrackingDbContext>("database", tags: [ReadyTag]);
        services.AddHostedService<QueueProbe>();

        AddLogs(builder.Logging, services, configuration);
        AddTelemetry(services, configuration, serviceName);
        return builder;
    }

    /// <summary>True when <c>--urls</c>, <c>ASPNETCORE_URLS</c> or <c>ASPNETCORE_HTTP(S)_PORTS</c> say where the process listens.</summary>
    public static bool ListensWhereConfigured(IConfiguration configuration) =>
        configuration["urls"] is not null || configuration["http_ports"] is not null || configuration["https_ports"] is not null;

    /// <summary><c>/health/live</c>, <c>/health/ready</c> and, unless turned off, <c>/metrics</c>: no API key, no HTTP metrics of their own.</summary>
    public static WebApplication MapTrackingOperations(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthJson.WriteAsync })
            .DisableHttpMetrics();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag), ResponseWriter = HealthJson.WriteAsync })
            .DisableHttpMetrics();
        if (app.Services.GetRequiredService<IOptions<OperationsOptions>>().Value.MetricsEndpoint)
            app.MapPrometheusScrapingEndpoint().DisableHttpMetrics();
        return app;
    }

    /// <summary>Trace ids in log scopes; with <c>Logging__Console__FormatterName=json</c>, scopes and UTC timestamps unless configured.</summary>
    private static void AddLogs(ILoggingBuilder logging, IServiceCollection services, IConfiguration configuration)
    {
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        var json = configuration.GetSection("Logging:Console:FormatterOptions");
        services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            if (json["IncludeScopes"] is null) o.IncludeScopes = true;
            if (json["TimestampFormat"] is null) o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            if (json["UseUtcTimestamp"] is null) o.UseUtcTimestamp = true;
        });
    }

    /// <summary>
    /// Metrics always (the Prometheus endpoint and, when configured, OTLP); traces and logs through OTLP only when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so an unconfigured process records no spans.
    /// </summary>
    private static void AddTelemetry(IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var prometheus = configuration.GetValue($"{OperationsOptions.Section}:MetricsEndpoint", true);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] ?? serviceName))
            .WithMetrics(m =>
            {
                m.AddMeter(Sources).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                if (prometheus) m.AddPrometheusExporter();
            });
        if (!otlp) return;
        telemetry
            .WithTracing(t => t.AddSource(Sources)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperational(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddSqlClientInstrumentation())
            .UseOtlpExporter();
    }

    private static bool IsOperational(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
