namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>The step that is running on the current async flow (set by <see cref="StepTestCase"/>).</summary>
/// <param name="Scenario">Scenario name, e.g. <c>NodeDrain</c>.</param>
/// <param name="Number">Step number.</param>
/// <param name="Name">Step name.</param>
public sealed record StepInfo(string Scenario, int Number, string Name)
{
    private static readonly AsyncLocal<StepInfo?> CurrentStep = new();

    /// <summary>The running step, or <c>null</c> outside a step (e.g. in a fixture).</summary>
    public static StepInfo? Current
    {
        get => CurrentStep.Value;
        internal set => CurrentStep.Value = value;
    }

    /// <summary>Short prefix for log lines: <c>NodeDrain 04</c>.</summary>
    public string Prefix => $"{Scenario} {Number:00}";
}
