namespace Tracking.IntegrationTests.Topology;

/// <summary>Tests with worker processes run one after another: each starts two or three .NET processes.</summary>
[CollectionDefinition(Name)]
public sealed class TopologyCollection
{
    public const string Name = "Topology";
}

/// <summary>Restarts the suite's one broker, so it runs alone, after every other test that could be using it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerRestartCollection
{
    public const string Name = "Broker restart";
}
