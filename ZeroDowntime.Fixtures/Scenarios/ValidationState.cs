using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>State of a validation scenario: its result in the run's report, finished when the scenario ends.</summary>
public sealed class ValidationState : IAsyncDisposable
{
    private ScenarioResult? _result;
    private IScenarioHost? _host;

    /// <summary>The scenario's result, created on first use (so a filter selecting one step still reports).</summary>
    public ScenarioResult ResultIn(IScenarioHost host, string scenario)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (_result is null)
        {
            _host = host;
            _result = host.Report.BeginScenario(scenario);
            host.ScenarioStarted(_result);
        }

        return _result;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_result is not null && _host is not null)
        {
            DisruptionRun.MarkFailedStep(_result);
            _result.Finish(MeasurementClock.UtcNow);
            await _host.ScenarioFinishedAsync(_result).ConfigureAwait(false);
        }
    }
}
