using Xunit;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>Self-tests that start clusters and processes run one at a time: the machine has two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SelfTestCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Scenario self-tests";
}
