using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// One run of the suite: its scenarios plus what happened around them (repairs of earlier runs'
/// leftovers, pre- and post-validation problems). Thread-safe; every report can be written from
/// it at any moment.
/// </summary>
/// <example>
/// <code>
/// var suite = new SuiteReport(runId, MeasurementClock.UtcNow) { Cluster = "local (embedded), context zd-local", Profile = "local", ExpectedScenarioCount = 7 };
/// suite.AddRepair("uncordoned zd-node-2 (cordoned by run 20250101-120000)");
/// var result = suite.BeginScenario("NodeDrain");
/// ...
/// suite.Finish(MeasurementClock.UtcNow);
/// </code>
/// </example>
public sealed class SuiteReport
{
    private readonly Lock _gate = new();
    private readonly List<ScenarioResult> _scenarios = [];
    private readonly List<string> _preValidationProblems = [];
    private readonly List<string> _postValidationProblems = [];
    private readonly List<string> _repairs = [];

    /// <summary>Creates the report of run <paramref name="runId"/> started at <paramref name="startedAt"/>.</summary>
    public SuiteReport(string runId, DateTimeOffset startedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        RunId = runId;
        StartedAt = startedAt;
    }

    /// <summary>The run id (also the <c>zerodowntime.io/run</c> label value).</summary>
    public string RunId { get; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>How long the run took; null until <see cref="Finish"/>.</summary>
    public TimeSpan? Duration { get; private set; }

    /// <summary>Which cluster, in words without credentials (<c>kubeconfig, context prod-eks, namespace default</c>).</summary>
    public string? Cluster { get; set; }

    /// <summary>The timing profile (<c>local</c>, <c>production</c>).</summary>
    public string? Profile { get; set; }

    /// <summary>
    /// Which program ran the Redis pods on the embedded cluster, as its kubelet's Started events say
    /// (<c>redis:7.2 runs Garnet 2.2.12: redis-server is not installed</c>); null on a real cluster.
    /// </summary>
    public string? LocalRedis { get; set; }

    /// <summary>How many scenarios the run will hold, when known (the 7 of "[3/7]").</summary>
    public int? ExpectedScenarioCount { get; set; }

    /// <summary>The client's retries and the embedded API server's injected faults; null until the run ends.</summary>
    public ApiTally? Api { get; set; }

    /// <summary>The scenarios in the order they began.</summary>
    public IReadOnlyList<ScenarioResult> Scenarios => Snapshot(_scenarios);

    /// <summary>Problems found by the fixture's pre-validation (empty when all held).</summary>
    public IReadOnlyList<string> PreValidationProblems => Snapshot(_preValidationProblems);

    /// <summary>Problems found by post-validation (empty when all held).</summary>
    public IReadOnlyList<string> PostValidationProblems => Snapshot(_postValidationProblems);

    /// <summary>What the run repaired at start (leftovers of earlier killed runs).</summary>
    public IReadOnlyList<string> Repairs => Snapshot(_repairs);

    /// <summary>
    /// Successful / total load attempts over every scenario with request counts, in percent (exact,
    /// not an average of rates); null when no scenario sent requests.
    /// </summary>
    public double? OverallAvailabilityPercent
    {
        get
        {
            long total = 0, ok = 0;
            foreach (var scenario in Scenarios)
            {
                if (scenario.Metrics is { TotalRequests: { } t, SuccessfulRequests: { } s })
                {
                    total += t;
                    ok += s;
                }
            }

            return total == 0 ? null : 100.0 * ok / total;
        }
    }

    /// <summary>
    /// Starts the next scenario: creates its result with <see cref="ScenarioResult.Index"/> = count + 1
    /// and <see cref="ScenarioResult.Total"/> from <see cref="ExpectedScenarioCount"/>, and adds it.
    /// </summary>
    public ScenarioResult BeginScenario(string name, DateTimeOffset? startedAt = null, string? displayName = null)
    {
        var result = new ScenarioResult(name, startedAt ?? MeasurementClock.UtcNow, displayName);
        Add(result);
        return result;
    }

    /// <summary>Adds a scenario created elsewhere, numbering it like <see cref="BeginScenario"/>.</summary>
    public void Add(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            _scenarios.Add(result);
            result.Index = _scenarios.Count;
            result.Total = Math.Max(ExpectedScenarioCount ?? 0, _scenarios.Count);
        }
    }

    /// <summary>Records a pre-validation problem (one sentence).</summary>
    public void AddPreValidationProblem(string problem) => Append(_preValidationProblems, problem);

    /// <summary>Records a post-validation problem (one sentence).</summary>
    public void AddPostValidationProblem(string problem) => Append(_postValidationProblems, problem);

    /// <summary>Records a repair done at start (one sentence).</summary>
    public void AddRepair(string repair) => Append(_repairs, repair);

    /// <summary>Sets the run's duration; the first call wins.</summary>
    public void Finish(DateTimeOffset finishedAt)
    {
        lock (_gate)
        {
            Duration ??= finishedAt < StartedAt ? TimeSpan.Zero : finishedAt - StartedAt;
        }
    }

    private void Append(List<string> list, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        lock (_gate)
        {
            list.Add(text);
        }
    }

    private IReadOnlyList<T> Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return list.ToList();
        }
    }
}
