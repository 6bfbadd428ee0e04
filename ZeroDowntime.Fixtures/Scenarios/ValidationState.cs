using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>State of a validation scenario: its result in the run's report, finished when the scenario ends.</summary>
public sealed class ValidationState : IDisposable
{
    private ScenarioResult? _result;

    /// <summary>The scenario's result, created on first use (so a filter selecting one step still reports).</summary>
    public ScenarioResult ResultIn(SuiteReport report, string scenario)
    {
        ArgumentNullException.ThrowIfNull(report);
        return _result ??= report.BeginScenario(scenario);
    }

    /// <inheritdoc />
    public void Dispose() => _result?.Finish(MeasurementClock.UtcNow);
}
