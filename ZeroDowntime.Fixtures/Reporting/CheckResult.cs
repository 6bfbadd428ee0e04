namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// One success criterion of a scenario and how it came out, e.g. <c>worker_pods</c>:
/// "At least 2 worker pods Ready throughout", expected "≥ 2", actual "minimum 2".
/// </summary>
/// <param name="Key">snake_case key used in summary.json (<c>success_rate</c>, <c>min_ready_worker</c>...); unique within a scenario.</param>
/// <param name="Description">The criterion as a sentence, shown on the console and in the HTML report.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Expected">The threshold as text (<c>&gt; 95.0%</c>, <c>≤ 60 s</c>); null when the description says it all.</param>
/// <param name="Actual">What was measured, as text (<c>91.2% (274 of 300)</c>); null when not measured.</param>
public sealed record CheckResult(string Key, string Description, bool Passed, string? Expected = null, string? Actual = null)
{
    /// <summary>A check that held.</summary>
    public static CheckResult Pass(string key, string description, string? expected = null, string? actual = null) =>
        new(key, description, true, expected, actual);

    /// <summary>A check that did not hold.</summary>
    public static CheckResult Fail(string key, string description, string? expected = null, string? actual = null) =>
        new(key, description, false, expected, actual);
}
