using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>Turns a validation <see cref="CheckResult"/> into a step verdict with one readable sentence.</summary>
public static class ValidationSteps
{
    /// <summary>Records <paramref name="check"/> in <paramref name="result"/> and fails the step when it did not pass.</summary>
    public static void Require(ScenarioResult result, CheckResult? check, string missingKey)
    {
        if (check is null)
        {
            ScenarioCheck.Require(result, CheckResult.Fail(missingKey, missingKey, "a check result", "none"),
                $"Pre-validation has no '{missingKey}' check: the cluster fixture did not run it.");
            return;
        }

        ScenarioCheck.Require(result, check, $"{check.Description}: expected {check.Expected}, but found {check.Actual}.");
    }
}
