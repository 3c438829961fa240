using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Tracking.Domain.Catalog;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure;

/// <summary>
/// Validates the data annotations of every section of <see cref="TrackingOptions"/> (ValidateDataAnnotations does not
/// descend into nested objects), naming each failing setting by its configuration path. A server database needs its
/// connection string: only SQLite has a default; so does the RabbitMQ transport.
/// </summary>
internal sealed class TrackingOptionsValidator(IConfiguration configuration) : IValidateOptions<TrackingOptions>
{
    public const string MissingBroker =
        "ConnectionStrings:RabbitMq (env ConnectionStrings__RabbitMq) is required when Tracking:Bus:Transport is RabbitMq, " +
        "e.g. amqp://user:password@rabbit:5672/vhost";

    public ValidateOptionsResult Validate(string? name, TrackingOptions options)
    {
        var failures = new List<string>();
        Check(options.Database, "Database", failures);
        Check(options.Bus, "Bus", failures);
        Check(options.Worker, "Worker", failures);
        Check(options.Ingress, "Ingress", failures);
        Check(options.Forwarding, "Forwarding", failures);
        Check(options.Retention, "Retention", failures);
        Check(options.RateLimits, "RateLimits", failures);
        foreach (var (limit, section) in new[] { (options.RateLimits.Clicks, "Clicks"), (options.RateLimits.Pixels, "Pixels"),
            (options.RateLimits.Postbacks, "Postbacks"), (options.RateLimits.Api, "Api") })
            Check(limit, "RateLimits:" + section, failures);
        Check(options.Requests, "Requests", failures);
        failures.AddRange(options.TrustedProxies.Where(p => !IpAllowlist.TryParse(p, out _))
            .Select(p => $"{TrackingOptions.Section}:TrustedProxies: '{p}' is not an IP address or CIDR range (e.g. 10.0.0.0/8, 2001:db8::/32)."));
        if (options.Bus.Transport == BusOptions.RabbitMq && string.IsNullOrWhiteSpace(configuration.GetConnectionString("RabbitMq")))
            failures.Add(MissingBroker);
        if (options.Database.Provider is DatabaseProvider.Postgres or DatabaseProvider.SqlServer
            && string.IsNullOrWhiteSpace(configuration.GetConnectionString("Tracking")))
            failures.Add($"ConnectionStrings:Tracking: is required when {TrackingOptions.Section}:Database:Provider is " +
                $"{options.Database.Provider} (env ConnectionStrings__Tracking).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(object section, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true)) return;
        failures.AddRange(results.Select(r =>
            $"{TrackingOptions.Section}:{path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }
}
