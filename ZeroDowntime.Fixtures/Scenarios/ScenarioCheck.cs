using FluentAssertions;
using FluentAssertions.Execution;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>
/// Scenario-specific checks the report's assertion helpers do not cover (the budget proof, Ray
/// membership): records the check in the result, then fails the step with <paramref name="failure"/>.
/// </summary>
public static class ScenarioCheck
{
    /// <summary>Records <paramref name="check"/>; when it did not pass, fails with "<paramref name="failure"/>".</summary>
    public static void Require(ScenarioResult result, CheckResult check, string failure)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(check);
        result.Record(check);
        Execute.Assertion
            .ForCondition(check.Passed)
            .FailWith(failure.Replace('{', '(').Replace('}', ')'));
    }
}
