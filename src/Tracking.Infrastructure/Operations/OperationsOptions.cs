using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Tracking.Infrastructure.Operations;

/// <summary>The <c>Tracking:Operations</c> section: metrics endpoint, queue probe, shutdown (docs/configuration.md).</summary>
public sealed class OperationsOptions
{
    public const string Section = "Tracking:Operations";

    /// <summary>Serve the Prometheus scrape endpoint <c>/metrics</c>.</summary>
    public bool MetricsEndpoint { get; set; } = true;

    /// <summary>How often the age and number of undecided hits are read for the queue gauges.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan QueueProbeEvery { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a SIGTERM waits for in-flight requests, the ingress log and consumers before the process ends.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Names each failing setting by its configuration path, as the <c>Tracking</c> section's validator does.</summary>
internal sealed class OperationsOptionsValidator : IValidateOptions<OperationsOptions>
{
    public ValidateOptionsResult Validate(string? name, OperationsOptions options)
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                results.Select(r => $"{OperationsOptions.Section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }
}
