using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>What has happened so far in one scenario class during one run.</summary>
internal sealed class ScenarioProgress
{
    private readonly Lock _gate = new();
    private StepTestCase? _lastRun;
    private StepTestCase? _firstFailed;
    private string? _skipped;

    /// <summary>The skip reason for later steps once a step failed or skipped its scenario; <c>null</c> while all is well.</summary>
    public string? SkipReasonAfterFailure
    {
        get
        {
            lock (_gate)
            {
                return _skipped ?? (_firstFailed is null ? null : StepNames.SkipReason(_firstFailed.StepNumber, _firstFailed.StepName));
            }
        }
    }

    /// <summary>A step skipped the scenario (<see cref="ScenarioSkipException"/>): later steps skip with <paramref name="reason"/>.</summary>
    public void RecordSkip(string reason)
    {
        lock (_gate)
        {
            _skipped ??= reason;
        }
    }

    /// <summary>"step N 'name' failed" when this class is scenario <paramref name="scenario"/> and one of its steps failed.</summary>
    public string? FailureOf(string scenario)
    {
        lock (_gate)
        {
            return _firstFailed is { } step && step.ScenarioName == scenario ? $"step {step.StepNumber} '{step.StepName}' failed" : null;
        }
    }

    /// <summary>Why <paramref name="step"/> must not run now (out of order or a duplicate number), or <c>null</c>.</summary>
    public string? OrderViolation(StepTestCase step)
    {
        lock (_gate)
        {
            if (_lastRun is null || step.StepNumber > _lastRun.StepNumber)
            {
                return null;
            }

            if (step.StepNumber == _lastRun.StepNumber)
            {
                return $"Step {step.StepNumber} is declared twice in scenario {step.ScenarioName}: " +
                       $"{_lastRun.TestMethod.Method.Name} and {step.TestMethod.Method.Name}. Give every step its own number.";
            }

            return $"Step {step.StepNumber} '{step.StepName}' of scenario {step.ScenarioName} was about to run after step " +
                   $"{_lastRun.StepNumber} '{_lastRun.StepName}': steps must run in ascending order. " +
                   "A [TestCaseOrderer] on the class or its collection replaced the step orderer; remove it.";
        }
    }

    /// <summary>Records that <paramref name="step"/> ran (or was skipped) with <paramref name="summary"/>.</summary>
    public void Record(StepTestCase step, RunSummary summary)
    {
        lock (_gate)
        {
            if (_lastRun is null || step.StepNumber > _lastRun.StepNumber)
            {
                _lastRun = step;
            }

            if (summary.Failed > 0 && _firstFailed is null)
            {
                _firstFailed = step;
            }
        }
    }
}
