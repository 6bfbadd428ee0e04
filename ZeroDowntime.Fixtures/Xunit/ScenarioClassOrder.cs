using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>Whole-suite order of test classes: <see cref="ScenarioAttribute.Order"/>, then scenario name, then class name.</summary>
internal static class ScenarioClassOrder
{
    /// <summary>The order value of a class; classes without <see cref="ScenarioAttribute"/> count as 0.</summary>
    public static int OrderOf(ITypeInfo testClass)
        => testClass.GetCustomAttributes(typeof(ScenarioAttribute)).FirstOrDefault()
               ?.GetNamedArgument<int>(nameof(ScenarioAttribute.Order)) ?? 0;

    /// <summary>Sorts test cases so that each class's cases are contiguous and classes come in suite order.</summary>
    public static IReadOnlyList<TTestCase> Sort<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase
        => testCases
            .OrderBy(tc => OrderOf(tc.TestMethod.TestClass.Class))
            .ThenBy(tc => StepNames.ScenarioOf(tc.TestMethod.TestClass.Class), StringComparer.Ordinal)
            .ThenBy(tc => tc.TestMethod.TestClass.Class.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The lowest class order in each collection, by collection unique id.</summary>
    public static IReadOnlyDictionary<Guid, int> CollectionOrders<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase
        => testCases
            .GroupBy(tc => tc.TestMethod.TestClass.TestCollection.UniqueID)
            .ToDictionary(g => g.Key, g => g.Min(tc => OrderOf(tc.TestMethod.TestClass.Class)));
}
