namespace Tracking.Api.Tests.Support;

/// <summary>Tests that assert wall-clock durations run in this collection, after the others and one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Timing
{
    public const string Name = "Timing";
}
