using Xunit;
using ZeroDowntime.Fixtures.Cluster;

namespace ZeroDowntime.Tests;

/// <summary>Every scenario shares one <see cref="ClusterFixture"/>: one connection, one pre-validation, one restore.</summary>
[CollectionDefinition(ClusterFixture.CollectionName)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>;
