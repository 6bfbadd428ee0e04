using Xunit;

namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>All demo scenarios share one collection, so they share <see cref="DemoCluster"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoCluster>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Demo cluster";
}
