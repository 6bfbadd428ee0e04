using System.Globalization;
using ZeroDowntime.Fixtures.Measurement;
using static ZeroDowntime.Fixtures.Reporting.ReportFormat;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// How the console and the HTML list downtime and degraded windows: the first few, then a count,
/// so a partial outage of 24 short blackouts does not fill the page.
/// </summary>
public static class WindowText
{
    /// <summary>How many windows a list shows before "and N more".</summary>
    public const int Listed = 3;

    /// <summary><c>12:00:01.20–12:00:01.25, 12:00:01.35–12:00:01.40, … and 21 more</c>.</summary>
    public static string List<T>(IReadOnlyCollection<T> windows, Func<T, string> format)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(format);
        var shown = string.Join(", ", windows.Take(Listed).Select(format));
        return windows.Count > Listed
            ? string.Create(CultureInfo.InvariantCulture, $"{shown}, … and {windows.Count - Listed} more")
            : shown;
    }

    /// <summary><c>3.5 s at 34.3% errors (12:00:01.00–12:00:04.51, 24 of 70 failed)</c>.</summary>
    public static string Degraded(DegradedWindow window) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Duration(window.Duration)} at {Percent(100 * window.ErrorRate)} errors ({Time(window.Start)}–{Time(window.End)}{(window.IsOpen ? " (open)" : string.Empty)}, {window.FailedAttempts} of {window.Attempts} failed)");

    /// <summary>True when a degraded window is worth a line of its own: some window mixed failures with successes.</summary>
    public static bool AnyPartial(IEnumerable<DegradedWindow> windows) => windows.Any(w => !w.IsFullOutage);
}
