using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// Orders test collections by the lowest <see cref="ScenarioAttribute.Order"/> of the classes in them,
/// then by display name, so a collection holding pre-validation runs first and one holding only
/// post-validation runs last. Installed by the scenario framework when no collection orderer is set.
/// </summary>
internal sealed class ScenarioCollectionOrderer(IReadOnlyDictionary<Guid, int> collectionOrders) : ITestCollectionOrderer
{
    /// <inheritdoc/>
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
        => testCollections
            .OrderBy(c => collectionOrders.TryGetValue(c.UniqueID, out var order) ? order : 0)
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal)
            .ToList();
}
