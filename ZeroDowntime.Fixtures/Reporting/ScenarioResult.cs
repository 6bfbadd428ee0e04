using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// Everything one scenario produced: verdict, checks, metrics and raw timelines. Filled
/// incrementally by the scenario runner and the assertions; every report can be written from it at
/// any moment, also when the scenario stopped half-way (missing numbers show as "n/a").
/// </summary>
/// <example>
/// <code>
/// var result = suite.BeginScenario("NodeDrain");            // [3/7] Node Drain
/// result.MarkDisruption(acceptedAt, $"evict {pod}");
/// result.Timeline.LoadAttempts = load.Attempts.ToList();
/// result.Timeline.Events = recorder.Events.ToList();
/// result.ComputeMetrics(loadSummary);
/// result.Should().HaveSuccessRateAbove(90, "during the drain");   // records check "success_rate"
/// result.Finish(MeasurementClock.UtcNow);
/// </code>
/// </example>
public sealed class ScenarioResult
{
    private readonly Lock _gate = new();
    private readonly List<CheckResult> _checks = [];
    private readonly List<string> _failures = [];
    private ScenarioStatus? _status;
    private long _mandatedWaitTicks;

    /// <summary>Creates the result of scenario <paramref name="name"/> (PascalCase, e.g. <c>NodeDrain</c>).</summary>
    /// <param name="name">The scenario's name, as in <c>[Scenario("NodeDrain")]</c>.</param>
    /// <param name="startedAt">When it started.</param>
    /// <param name="displayName">Heading text; defaults to the name split into words (<c>Node Drain</c>).</param>
    public ScenarioResult(string name, DateTimeOffset startedAt, string? displayName = null)
    {
        Name = name;
        Key = ScenarioNames.ToKey(name);
        DisplayName = displayName ?? ScenarioNames.ToDisplayName(name);
        StartedAt = startedAt;
    }

    /// <summary>PascalCase scenario name (<c>NodeDrain</c>), as the <c>Scenario</c> trait has it.</summary>
    public string Name { get; }

    /// <summary>Heading text (<c>Node Drain</c>).</summary>
    public string DisplayName { get; }

    /// <summary>snake_case key (<c>node_drain</c>): the test name in summary.json and the raw files' prefix.</summary>
    public string Key { get; }

    /// <summary>1-based position in the run (the 3 of "[3/7]").</summary>
    public int Index { get; set; } = 1;

    /// <summary>Scenarios in the run (the 7 of "[3/7]").</summary>
    public int Total { get; set; } = 1;

    /// <summary>When the scenario started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>How long it ran; null until <see cref="Finish"/>.</summary>
    public TimeSpan? Duration { get; private set; }

    /// <summary>True once <see cref="Finish"/> was called.</summary>
    public bool IsFinished => Duration is not null;

    /// <summary>The numbers (all optional).</summary>
    public ScenarioMetrics Metrics { get; } = new();

    /// <summary>A datastore failover's results (DatastoreFailover); null for every other scenario.</summary>
    public DatastoreReport? Datastore { get; set; }

    /// <summary>The raw evidence: attempts, events, markers.</summary>
    public ScenarioTimeline Timeline { get; } = new();

    /// <summary>Connection-level evidence of a rolling upgrade (RollingUpgrade); null for scenarios without connection traffic.</summary>
    public ConnectionReport? Connections { get; set; }

    /// <summary>The autoscaler's side of an Autoscaling scenario (HPA decisions, CPU, load stages); null for other scenarios.</summary>
    public Autoscaling.AutoscalingTimeline? Autoscaling { get; set; }

    /// <summary>Scenario-specific facts (a chaos seed, the pods picked, a partition's proof of effect).</summary>
    public ScenarioDetails Details { get; } = new();

    /// <summary>
    /// The verdict: <see cref="Skip"/> or <see cref="Error(string)"/> when called; else
    /// <see cref="ScenarioStatus.Fail"/> when a check failed or <see cref="Fail"/> was called;
    /// else <see cref="ScenarioStatus.Pass"/> once finished, and <see cref="ScenarioStatus.Error"/>
    /// while unfinished (a report written now comes from a run that stopped half-way).
    /// </summary>
    public ScenarioStatus Status
    {
        get
        {
            lock (_gate)
            {
                if (_status is { } explicitStatus)
                {
                    return explicitStatus;
                }

                if (_checks.Any(c => !c.Passed))
                {
                    return ScenarioStatus.Fail;
                }

                return IsFinished ? ScenarioStatus.Pass : ScenarioStatus.Error;
            }
        }
    }

    /// <summary>The checks in the order they were first recorded.</summary>
    public IReadOnlyList<CheckResult> Checks
    {
        get
        {
            lock (_gate)
            {
                return _checks.ToList();
            }
        }
    }

    /// <summary>Failure, error or skip messages, in the order they came.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_gate)
            {
                return _failures.ToList();
            }
        }
    }

    /// <summary>All <see cref="Failures"/> on one line each; null when there are none.</summary>
    public string? FailureMessage
    {
        get
        {
            var failures = Failures;
            return failures.Count == 0 ? null : string.Join(Environment.NewLine, failures);
        }
    }

    /// <summary>
    /// Records a check. A check with the same key replaces the earlier one in its place (a step
    /// retried or asserted twice shows its latest outcome once). Thread-safe.
    /// </summary>
    public void Record(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        lock (_gate)
        {
            var index = _checks.FindIndex(c => c.Key == check.Key);
            if (index >= 0)
            {
                _checks[index] = check;
            }
            else
            {
                _checks.Add(check);
            }
        }
    }

    /// <summary>Adds a labelled disruption marker (<c>delete ray-worker-abc</c>, <c>cordon zd-node-2</c>).</summary>
    public void MarkDisruption(DateTimeOffset time, string label) => Timeline.Mark(time, label);

    /// <summary>Marks the scenario failed with <paramref name="message"/> (e.g. an assertion's text).</summary>
    public void Fail(string message) => SetStatus(ScenarioStatus.Fail, message, overrides: s => s is not ScenarioStatus.Error);

    /// <summary>Marks the scenario as errored: the suite could not do its job (<paramref name="message"/> says why).</summary>
    public void Error(string message) => SetStatus(ScenarioStatus.Error, message, overrides: _ => true);

    /// <summary>Marks the scenario as errored by <paramref name="exception"/> (its type and message; no stack trace).</summary>
    public void Error(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Error($"{exception.GetType().Name}: {exception.Message}");
    }

    /// <summary>Marks the scenario skipped with <paramref name="reason"/>.</summary>
    public void Skip(string reason) => SetStatus(ScenarioStatus.Skipped, reason, overrides: s => s is null);

    /// <summary>
    /// Time spent in waits the scenario prescribes (baselines, settle periods, holds, intervals, load stages),
    /// added by <see cref="Scenarios.MandatedWait"/>; the rest of <see cref="Duration"/> is the scenario's overhead.
    /// </summary>
    public TimeSpan MandatedWaits => TimeSpan.FromTicks(Interlocked.Read(ref _mandatedWaitTicks));

    /// <summary>The part of <see cref="Duration"/> outside <see cref="MandatedWaits"/>; null until finished.</summary>
    public TimeSpan? BeyondMandatedWaits => Duration is { } d ? (d > MandatedWaits ? d - MandatedWaits : TimeSpan.Zero) : null;

    /// <summary>Adds a mandated wait's length to <see cref="MandatedWaits"/>.</summary>
    public void AddMandatedWait(TimeSpan wait) => Interlocked.Add(ref _mandatedWaitTicks, Math.Max(0, wait.Ticks));

    /// <summary>Sets the duration from <paramref name="finishedAt"/>; the first call wins.</summary>
    public void Finish(DateTimeOffset finishedAt)
    {
        lock (_gate)
        {
            Duration ??= finishedAt < StartedAt ? TimeSpan.Zero : finishedAt - StartedAt;
        }
    }

    /// <summary>
    /// Fills <see cref="Metrics"/> from the timelines: request counts and percentiles from the load
    /// attempts (or <paramref name="load"/>'s aggregates when the attempts are not available, e.g.
    /// k6 logs lost; or the probe's attempts when no load ran at all), downtime windows from the probe (else the load), recovery per role in
    /// <see cref="ScenarioTimeline.ExpectedReady"/> after the first disruption, minimum Ready per
    /// role and the longest termination. Values set before stay unless recomputed here.
    /// </summary>
    public void ComputeMetrics(Load.LoadSummary? load = null) => ScenarioMetricsCalculator.Fill(this, load);

    private void SetStatus(ScenarioStatus status, string message, Func<ScenarioStatus?, bool> overrides)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        lock (_gate)
        {
            if (overrides(_status))
            {
                _status = status;
            }

            _failures.Add(message);
        }
    }
}
