namespace ZeroDowntime.Scenarios.Tests;

/// <summary>When one step (or the fixture's start and stop) ran, and how it ended: API calls are attributed to it by time.</summary>
/// <param name="Scenario">The scenario class, or <c>fixture</c>.</param>
/// <param name="Step">e.g. <c>step 3 Delete_one_worker_pod</c> or <c>start</c>.</param>
/// <param name="Start">UTC start.</param>
/// <param name="End">UTC end.</param>
/// <param name="Error">The failure, or null when it passed.</param>
public sealed record StepWindow(string Scenario, string Step, DateTimeOffset Start, DateTimeOffset End, Exception? Error)
{
    /// <summary>It passed.</summary>
    public bool Passed => Error is null;

    /// <inheritdoc />
    public override string ToString() => $"{Scenario} {Step}";
}
