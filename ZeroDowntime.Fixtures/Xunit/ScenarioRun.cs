using System.Collections.Concurrent;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>State of one test run under the scenario framework: the progress of each scenario class.</summary>
internal sealed class ScenarioRun(ProgressChannel? progress = null)
{
    private static readonly AsyncLocal<ScenarioRun?> CurrentRun = new();
    private readonly ConcurrentDictionary<string, ScenarioProgress> _classes = new(StringComparer.Ordinal);

    /// <summary>The run on this async flow; <c>null</c> means the scenario framework is not in effect.</summary>
    public static ScenarioRun? Current
    {
        get => CurrentRun.Value;
        set => CurrentRun.Value = value;
    }

    /// <summary>Where live progress goes (null: nowhere, e.g. a run without a diagnostic sink).</summary>
    public ProgressChannel? Progress { get; } = progress;

    /// <summary>The progress of one test class (by full name), created on first use.</summary>
    public ScenarioProgress ProgressOf(string className) => _classes.GetOrAdd(className, _ => new ScenarioProgress());

    /// <summary>"step N 'name' failed" for the first failed step of scenario <paramref name="scenario"/>, or <c>null</c>.</summary>
    public string? FailureOf(string scenario) => _classes.Values.Select(p => p.FailureOf(scenario)).FirstOrDefault(f => f is not null);
}
