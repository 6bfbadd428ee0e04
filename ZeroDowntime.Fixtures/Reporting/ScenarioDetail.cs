namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>One scenario-specific fact, e.g. <c>seed</c>: "Chaos seed" = "42 (from ZD_CHAOS_SEED)".</summary>
/// <param name="Key">snake_case key in summary.json's <c>details</c>.</param>
/// <param name="Label">Label on the console and in report.html.</param>
/// <param name="Values">The value, or the list's items.</param>
/// <param name="IsList">True when written as a JSON array.</param>
public sealed record ScenarioDetail(string Key, string Label, IReadOnlyList<string> Values, bool IsList);
