using Microsoft.Extensions.Options;
using Tracking.Infrastructure;

namespace Tracking.Api.Startup;

/// <summary>An API without its worker needs a bus that other processes can consume; the in-memory one is not.</summary>
internal sealed class WorkerPlacement : IValidateOptions<TrackingOptions>
{
    public const string NoConsumer =
        "Tracking:Worker:Enabled is false but Tracking:Bus:Transport is InMemory: no other process can receive this API's hits, " +
        "so none would ever be decided. Set Tracking:Bus:Transport=RabbitMq (with ConnectionStrings:RabbitMq) and run " +
        "src/Tracking.Worker, or leave the worker enabled.";

    public ValidateOptionsResult Validate(string? name, TrackingOptions options) =>
        options.Bus.Transport == BusOptions.InMemory && options.Worker.Enabled == false
            ? ValidateOptionsResult.Fail(NoConsumer)
            : ValidateOptionsResult.Success;
}
