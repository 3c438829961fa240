using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Tracking.Infrastructure;

/// <summary>
/// Validates the data annotations of every section of <see cref="TrackingOptions"/> (ValidateDataAnnotations does not
/// descend into nested objects), naming each failing setting by its configuration path.
/// </summary>
internal sealed class TrackingOptionsValidator : IValidateOptions<TrackingOptions>
{
    public ValidateOptionsResult Validate(string? name, TrackingOptions options)
    {
        var failures = new List<string>();
        Check(options.Database, "Database", failures);
        Check(options.Bus, "Bus", failures);
        Check(options.Worker, "Worker", failures);
        Check(options.Ingress, "Ingress", failures);
        Check(options.Forwarding, "Forwarding", failures);
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
