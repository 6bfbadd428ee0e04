using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// The scenarios this run will execute, after <c>--filter</c>: set by the scenario framework before
/// any fixture starts, so progress reads "[3/7]" for a whole-suite run and "[1/1]" for one scenario.
/// </summary>
public static class ScenarioSelection
{
    private static volatile IReadOnlyList<string> _names = [];

    /// <summary>The selected scenario names in run order; empty outside the scenario framework.</summary>
    public static IReadOnlyList<string> Names => _names;

    internal static void Set(IEnumerable<IXunitTestCase> testCases) =>
        _names = ScenarioClassOrder.Sort(testCases.OfType<StepTestCase>()).Select(s => s.ScenarioName).Distinct(StringComparer.Ordinal).ToList();
}
