using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Assertions;

/// <summary>Entry point of the scenario assertions: <c>result.Should()</c>.</summary>
public static class ScenarioResultExtensions
{
    /// <summary>
    /// Assertions on a scenario's measurements. Each one records a <see cref="CheckResult"/> in the
    /// result (so reports list it even when the test fails), then passes or fails through
    /// FluentAssertions (several at once inside an <c>AssertionScope</c>).
    /// </summary>
    /// <example>
    /// <code>
    /// using (new AssertionScope())
    /// {
    ///     result.Should().HaveSuccessRateAbove(95, "during the disruption")
    ///         .And.HaveAtLeastReadyThroughout("worker", 2)
    ///         .And.RecoverWithin("worker", TimeSpan.FromMinutes(5))
    ///         .And.EndWithReadyCount("worker", 3);
    /// }
    /// </code>
    /// </example>
    public static ScenarioResultAssertions Should(this ScenarioResult result) => new(result);
}
