using Xunit;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Xunit;

// Steps in order, later steps skipped after a failure: once per test project.
[assembly: ScenarioFramework]

namespace ZeroDowntime.Examples;

/// <summary>The project's scenarios share one cluster fixture: one connection, one pre-validation, one restore.</summary>
[CollectionDefinition(Name)]
public sealed class ExamplesCollection : ICollectionFixture<ClusterFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "ZeroDowntime examples";
}
