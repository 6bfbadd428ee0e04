namespace ZeroDowntime.Scenarios.Tests;

/// <summary>How one scenario step ended when run by <see cref="ScenarioSteps"/>.</summary>
/// <param name="Number">Step number.</param>
/// <param name="Method">Step method name.</param>
/// <param name="Error">The exception it failed with, or null when it passed.</param>
public sealed record StepOutcome(int Number, string Method, Exception? Error)
{
    /// <summary>The step passed.</summary>
    public bool Passed => Error is null;

    /// <inheritdoc />
    public override string ToString() => $"step {Number} {Method}: {(Passed ? "passed" : Error!.Message)}";
}
