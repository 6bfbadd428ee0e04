namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>What the scenario framework knows about a scenario's steps in the current run (for reports written when a scenario ends).</summary>
public static class ScenarioOutcome
{
    /// <summary>"step N 'name' failed" for the first failed step of <paramref name="scenario"/>, or null (none failed, or no scenario framework).</summary>
    public static string? FailedStep(string scenario) => ScenarioRun.Current?.FailureOf(scenario);
}
