using k8s.Models;
using ZeroDowntime.Fixtures.Autoscaling;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Tests;

/// <summary>What the Autoscaling steps hand to each other.</summary>
public sealed class AutoscalingState : IAsyncDisposable
{
    private IScenarioHost? _host;

    /// <summary>The HPA found by the prerequisites.</summary>
    public V2HorizontalPodAutoscaler? Hpa { get; set; }

    /// <summary>The prerequisite checks, reported on their own only when they failed (no run started).</summary>
    public ScenarioResult? Prerequisites { get; private set; }

    /// <summary>The run, from step 2.</summary>
    public AutoscalingRun? Run { get; set; }

    /// <summary>The run, or a clear error when step 2 did not start it.</summary>
    public AutoscalingRun RequireRun() => Run ?? throw new InvalidOperationException("The load was not started: step 2 did not run.");

    /// <summary>A result for the prerequisite checks (not yet in the report).</summary>
    public ScenarioResult BeginPrerequisites(IScenarioHost host, string scenario)
    {
        _host = host;
        return Prerequisites = new ScenarioResult(scenario, MeasurementClock.UtcNow);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Run is not null)
        {
            await Run.DisposeAsync().ConfigureAwait(false);
        }
        else if (Prerequisites is { } result && _host is not null)
        {
            // The scenario stopped before its run began: its failed prerequisites are its report.
            _host.Report.Add(result);
            _host.ScenarioStarted(result);
            if (ScenarioOutcome.FailedStep(result.Name) is { } failure && result.Status != ScenarioStatus.Fail)
            {
                result.Error(failure); // the step threw (an API error) rather than failing a check
            }

            result.Finish(MeasurementClock.UtcNow);
            await _host.ScenarioFinishedAsync(result).ConfigureAwait(false);
        }
    }
}
