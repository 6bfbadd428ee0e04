using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>The checks of a pre- or post-validation, in the order they ran.</summary>
public sealed class ValidationResult
{
    private readonly List<CheckResult> _checks = [];

    /// <summary>Every check.</summary>
    public IReadOnlyList<CheckResult> Checks => _checks;

    /// <summary>All checks passed.</summary>
    public bool Passed => _checks.All(c => c.Passed);

    /// <summary>The check with <paramref name="key"/> (e.g. <c>worker_pods</c>), or null.</summary>
    public CheckResult? this[string key] => _checks.FirstOrDefault(c => c.Key == key);

    /// <summary>The baseline inference latency (pre-validation), if one succeeded.</summary>
    public TimeSpan? BaselineLatency { get; internal set; }

    internal void Add(CheckResult check) => _checks.Add(check);

    /// <summary>One line per failed check.</summary>
    public IEnumerable<string> Problems => _checks.Where(c => !c.Passed).Select(c => $"{c.Description}: expected {c.Expected}, found {c.Actual}");
}
